// Moved to shared: the sync-server restores shared versions with the same rule.
export { equal, replaceContent } from '@encore/shared/project/replaceContent';
