/** The few HTML pages the host writes itself (no renderer build involved). */
export function messagePage(title: string, body: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5"><h1>${esc(title)}</h1><p>${esc(body)}</p></body></html>`;
}

export const PAGES = {
  noBuild: (dist: string) => messagePage('Encore: the app is not built yet', `No renderer build was found at ${dist}. Run \`npm run build\` in the Encore folder, then reload this page.`),
  needsToken: () => messagePage('Encore: open the link from the terminal', 'This Encore host only talks to the browser that opened the link it printed at startup (http://127.0.0.1:…/?token=…). Open that link.'),
  badToken: () => messagePage('Encore: this link is out of date', 'The token in this link does not match the running host. Use the link printed by the host when it started.'),
  badRequest: () => messagePage('Bad request', 'This path is not allowed.'),
  notFound: () => messagePage('Not found', 'There is nothing at this address.'),
  badHost: () => messagePage('Wrong address', 'Open Encore at the address printed by the host.'),
  internal: () => messagePage('Something went wrong', 'The Encore host could not answer this request. Details are in its log.'),
} as const;
