import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** A tiny history router: the server answers every non-API path with index.html. */
const NAVIGATE_EVENT = "vigil:navigate";
let focusOnNextRender = false;

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string, { replace = false } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  if (!replace) focusOnNextRender = true;
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Asks the next page shown to take focus (after sign-in, for instance). */
export function requestNavigationFocus(): void {
  focusOnNextRender = true;
}

/** True once after an in-app navigation: the new page then moves focus to its heading. */
export function takeNavigationFocus(): boolean {
  const value = focusOnNextRender;
  focusOnNextRender = false;
  return value;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function Link({ href, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
