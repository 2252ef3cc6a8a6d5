import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { LocaleProvider } from "./i18n.js";
import { SessionProvider } from "./session.js";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/forms.css";
import "./styles/table.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LocaleProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </LocaleProvider>
    </StrictMode>,
  );
}
