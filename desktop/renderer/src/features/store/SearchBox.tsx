import { useEffect, useState } from 'react';
import type { AutocompleteResponse } from '@encore/shared/api/catalog';
import { SearchIcon } from '../../ui/icons';
import { useStoreNav } from './storePages';
import { useCatalog } from './useCatalog';

type Suggestion = AutocompleteResponse['suggestions'][number];
const DEBOUNCE_MS = 150;

/**
 * The Store's search field: prefix suggestions as the listener types (tracks and artists),
 * Enter searches with typo tolerance. Arrow keys walk the suggestions.
 */
export function SearchBox() {
  const { api } = useCatalog();
  const nav = useStoreNav();
  const [text, setText] = useState(nav.page.kind === 'search' ? nav.page.q : '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const q = text.trim();
    if (!q) return setSuggestions([]);
    let live = true;
    const timer = setTimeout(() => {
      api.autocomplete(q).then(
        (r) => live && (setSuggestions(r.suggestions.slice(0, 8)), setActive(-1)),
        () => live && setSuggestions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, text]);

  const choose = (s: Suggestion) => {
    setOpen(false);
    setText(s.text);
    // An artist opens its page; a track title searches, so its album and artist show too.
    nav.open(s.kind === 'artist' ? { kind: 'artist', id: s.id } : { kind: 'search', q: s.text });
  };
  const submit = () => {
    const q = text.trim();
    if (!q) return;
    setOpen(false);
    nav.open({ kind: 'search', q });
  };

  return (
    <div className="relative w-full max-w-xl">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const picked = suggestions[active];
          if (open && picked) choose(picked);
          else submit();
        }}
        className="flex h-10 items-center gap-2 rounded-lg border border-line bg-raised px-3 focus-within:border-accent"
      >
        <span aria-hidden className="size-4 text-ink-faint [&>svg]:size-4">
          <SearchIcon />
        </span>
        <input
          type="search"
          aria-label="Search the Store"
          placeholder="Search tracks, albums and artists"
          data-testid="store-search"
          value={text}
          autoComplete="off"
          role="combobox"
          aria-expanded={open && suggestions.length > 0}
          aria-controls="store-suggestions"
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 120)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, suggestions.length - 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, -1));
            else if (e.key === 'Escape') setOpen(false);
            else return;
            e.preventDefault();
          }}
          className="h-full flex-1 bg-transparent text-sm outline-none placeholder:text-ink-faint"
        />
      </form>
      {open && suggestions.length > 0 && (
        <ul id="store-suggestions" role="listbox" data-testid="store-suggestions" className="absolute inset-x-0 top-11 z-20 overflow-hidden rounded-lg border border-line bg-surface py-1 shadow-xl">
          {suggestions.map((s, i) => (
            <li key={`${s.kind}:${s.id}`} role="option" aria-selected={i === active}>
              <button type="button" data-testid="store-suggestion" onMouseDown={(e) => e.preventDefault()} onClick={() => choose(s)} className={`flex w-full items-center justify-between gap-3 px-3 py-2 text-left text-sm ${i === active ? 'bg-raised' : 'hover:bg-raised/60'}`}>
                <span className="truncate">{s.text}</span>
                <span className="text-xs capitalize text-ink-faint">{s.kind}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
