// Moved to shared beside the kernels it exercises.
export * from '@encore/shared/audioAnalysis/signals.fixtures';
