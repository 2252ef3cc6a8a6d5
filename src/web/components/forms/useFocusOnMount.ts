import { useEffect, useRef } from "react";

/** Moves keyboard focus to the element once, when it appears (dialog-like panels, confirmations, headings). */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
