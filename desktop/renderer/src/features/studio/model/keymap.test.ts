import { describe, expect, it } from 'vitest';
import { commandForKey, isTypingTarget, type KeyInput } from './keymap';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: null, ...mods });

describe('the editor keymap', () => {
  it('maps the shortcuts', () => {
    expect(commandForKey(key(' '))).toBe('playStop');
    expect(commandForKey(key('r'))).toBe('arm');
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(key('y', { metaKey: true }))).toBe('redo');
    expect(commandForKey(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(commandForKey(key('e', { ctrlKey: true }))).toBe('split');
    expect(commandForKey(key('s'))).toBe('split');
    expect(commandForKey(key('Delete'))).toBe('delete');
    expect(commandForKey(key('+'))).toBe('zoomIn');
    expect(commandForKey(key('-'))).toBe('zoomOut');
    expect(commandForKey(key('m'))).toBe('addMarker');
    expect(commandForKey(key('q'))).toBeNull();
  });

  it('stays quiet while the user types', () => {
    const input = { tagName: 'INPUT', type: 'text' };
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(commandForKey(key(' ', { target: input }))).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true, target: { tagName: 'TEXTAREA' } }))).toBeNull();
  });
});
