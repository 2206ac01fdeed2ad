// The kernel lives in shared so the server's processing job can run it too (the server may not import desktop packages).
export * from '@encore/shared/audioAnalysis/tempo';
