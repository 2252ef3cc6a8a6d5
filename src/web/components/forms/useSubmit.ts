import { useCallback, useState, type FormEvent } from "react";
import { ApiError } from "../../api.js";

/**
 * State of a form that calls the API: busy while the request runs, the last error,
 * and the server's message per field (`fieldError("email")` reads `body.email`).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);

  const onSubmit = useCallback(
    (work: () => Promise<void>) => (event: FormEvent) => {
      event.preventDefault();
      void run(work);
    },
    [run],
  );

  const fieldError = useCallback((name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined), [error]);

  return { busy, error, setError, run, onSubmit, fieldError };
}
