import { useCallback, useEffect, useState } from "react";
import { useResource } from "../../components/useResource.js";
import { useLocale } from "../../i18n.js";
import { pickPlan } from "./plan.logic.js";
import type { Plan } from "./plan.types.js";

/** The plan the person works on, remembered in this browser and shared by every plan page. */
const STORAGE_KEY = "vigil_plan";
const CHANGE_EVENT = "vigil:plan";

function stored(): number | null {
  try {
    const value = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export function usePlanChoice() {
  const { locale } = useLocale();
  const list = useResource<Plan[]>("/api/plan/plans", {}, locale);
  const [chosen, setChosen] = useState<number | null>(stored);

  useEffect(() => {
    const sync = () => setChosen(stored());
    window.addEventListener(CHANGE_EVENT, sync);
    window.addEventListener("storage", sync);
    return () => {
      window.removeEventListener(CHANGE_EVENT, sync);
      window.removeEventListener("storage", sync);
    };
  }, []);

  const choose = useCallback((id: number) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(id));
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    setChosen(id);
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);

  const plans = list.data ?? [];
  const plan = pickPlan(plans, chosen);
  return { plans, plan, choose, error: list.error, loading: list.loading || (!list.data && !list.error), reload: list.reload };
}
