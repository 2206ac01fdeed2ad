/** The whole schema, as drizzle-kit and the `Database` type see it. */
export * from './users';
export * from './sessions';
export * from './oneTimeTokens';
export * from './studio';
export * from './catalog';
export * from './listener';
export * from './licences';
export * from './catalogReleases';
export * from './projectBlobs';
export * from './collabPlaylists';
export * from './docVersions';
export * from './searchWords';
export * from './projectBlobOrphans';
