import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Locale } from "../shared/locale.js";
import { ApiError, api, onUnauthenticated, setCsrfToken } from "./api.js";
import { useLocale } from "./i18n.js";
import { navigate, requestNavigationFocus } from "./router.js";
import type { Session } from "./types.js";

type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; expired: boolean }
  | { status: "signedIn"; session: Session };

interface SessionApi {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Changes the language; once signed in, the account remembers it (PATCH /api/account). */
  changeLocale: (locale: Locale) => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useLocale();
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const accept = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      setLocale(session.locale);
      setState({ status: "signedIn", session });
    },
    [setLocale],
  );

  const refresh = useCallback(async () => {
    try {
      accept(await api.get<Session>("/api/session", undefined, { expect401: true }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: "anonymous", expired: false });
      else throw err;
    }
  }, [accept]);

  useEffect(() => {
    refresh().catch(() => setState({ status: "anonymous", expired: false }));
  }, [refresh]);

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null);
      setState((prev) => ({ status: "anonymous", expired: prev.status === "signedIn" }));
    });
    return () => onUnauthenticated(null);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await api.post<Session>("/api/session", { email, password }, { expect401: true });
      requestNavigationFocus();
      accept(session);
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await api.delete("/api/session", { expect401: true });
    } finally {
      setCsrfToken(null);
      setState({ status: "anonymous", expired: false });
      // The next person to sign in starts from their own landing page, not from this one's last page.
      navigate("/", { replace: true });
    }
  }, []);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      if (state.status === "signedIn" && state.session.kind === "user") {
        accept(await api.patch<Session>("/api/account", { locale }));
      } else {
        setLocale(locale);
      }
    },
    [state, accept, setLocale],
  );

  const value = useMemo(() => ({ state, signIn, signOut, changeLocale, refresh }), [state, signIn, signOut, changeLocale, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The session of a signed-in page (the shell renders pages only when signed in). */
export function useSignedIn(): Session {
  const { state } = useSession();
  if (state.status !== "signedIn") throw new Error("useSignedIn on an anonymous page");
  return state.session;
}
