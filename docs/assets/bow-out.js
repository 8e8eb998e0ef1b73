/* Bow Out in the browser: fill the letters with the reader's details, copy and mail them, and
 * filter the guide finder. Details live in sessionStorage for this tab only: no cookies, no
 * localStorage, no requests. Every page works without this script. */
(() => {
  "use strict";

  /* What the script says, in the page's language (Material sets <html lang>). */
  const TEXTS = {
    en: {
      email: "Recipient email",
      emailHint: "only for the “Open in email app” links",
      yourName: "Your name",
      details: "Your details",
      typeOnce: "Type once and every letter below fills in.",
      allCarried: "They carry over to the other guides you open in this tab.",
      someCarried: (labels) => `${labels} carry over to the other guides you open in this tab; the rest stay with this guide.`,
      nothingSent: " Nothing is sent anywhere, and closing the tab forgets them.",
      clear: "Clear my details",
      blank: (verb, labels, count) => `Not ${verb === "open" ? "opened" : "copied"}: ${labels} ${count === 1 ? "is" : "are"} `
        + `still blank (highlighted). Fill ${count === 1 ? "it" : "them"} in above, or ${verb} anyway.`,
      copiedWithBlanks: (labels) => `Copied, with ${labels} still blank.`,
      copied: "Copied.",
      selected: "Selected. Press Ctrl+C (or ⌘C on a Mac) to copy.",
      copy: "Copy",
      copyKind: (kind) => `Copy ${kind}`,
      copySubject: "Copy subject",
      anyway: (action) => `${action} anyway`,
      openAnyway: "Open anyway",
      noMatch: "No guide matches both: try “Anywhere” or “Any reason”.",
      matches: (n) => (n === 1 ? "1 guide matches." : `${n} guides match.`),
      search: "Search",
    },
    es: {
      email: "Correo del destinatario",
      emailHint: "solo para los enlaces “Abrir en tu correo”",
      yourName: "Tu nombre",
      details: "Tus datos",
      typeOnce: "Escríbelos una vez y todas las cartas de abajo se completan.",
      allCarried: "Se mantienen en las demás guías que abras en esta pestaña.",
      someCarried: (labels) => `${labels} se mantienen en las demás guías que abras en esta pestaña; el resto se queda en esta guía.`,
      nothingSent: " No se envían a ningún sitio y se borran al cerrar la pestaña.",
      clear: "Borrar mis datos",
      blank: (verb, labels, count) => `${verb === "open" ? "Sin abrir" : "Sin copiar"}: ${count === 1 ? "falta" : "faltan"} `
        + `${labels} (marcado en la carta). Rellena ${count === 1 ? "ese dato" : "esos datos"} arriba o `
        + `${verb === "open" ? "ábrelo" : "cópialo"} de todos modos.`,
      copiedWithBlanks: (labels) => `Copiado, con ${labels} sin completar.`,
      copied: "Copiado.",
      selected: "Seleccionado. Pulsa Ctrl+C (o ⌘C en un Mac) para copiar.",
      copy: "Copiar",
      copyKind: (kind) => `Copiar ${kind}`,
      copySubject: "Copiar asunto",
      anyway: (action) => `${action} de todos modos`,
      openAnyway: "Abrir de todos modos",
      noMatch: "Ninguna guía coincide con las dos respuestas: prueba “En cualquier punto” o “Cualquier motivo”.",
      matches: (n) => (n === 1 ? "Coincide 1 guía." : `Coinciden ${n} guías.`),
      search: "Buscar",
    },
  };
  const LANG = Object.hasOwn(TEXTS, document.documentElement.lang) ? document.documentElement.lang : "en";
  const T = TEXTS[LANG];

  const PREFIX = "bow-out:details"; /* every key this script keeps, so that Clear forgets them all */
  const KEY = `${PREFIX}:${LANG}`; /* the built-in details, shared by every guide; each guide adds its own key */
  const EMAIL = T.email;
  const AUTOCOMPLETE = new Map([[T.yourName, "name"]]);

  /* Details are Maps, never plain objects: a label such as "constructor" or "__proto__" is just a key. */
  const read = (key) => {
    try {
      const stored = JSON.parse(sessionStorage.getItem(key)) ?? {};
      return new Map(Object.entries(stored).filter(([, value]) => typeof value === "string"));
    } catch {
      return new Map();
    }
  };

  const write = (key, details) => {
    try {
      if (details.size) sessionStorage.setItem(key, JSON.stringify(Object.fromEntries(details)));
      else sessionStorage.removeItem(key);
    } catch {
      /* storage disabled: the page still fills in, it just forgets on the next page */
    }
  };

  const forgetAll = () => {
    try {
      Object.keys(sessionStorage).filter((key) => key.startsWith(PREFIX)).forEach((key) => sessionStorage.removeItem(key));
    } catch {
      /* storage disabled: nothing was kept */
    }
  };

  const listOf = (labels) => new Intl.ListFormat(LANG, { type: "conjunction" }).format(labels);

  /* Build an element: el("input", {type: "text"}, child, ...). Text children are never parsed as HTML. */
  const el = (tag, attributes = {}, ...children) => {
    const element = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
    element.append(...children);
    return element;
  };

  /* RFC 6068: percent-encode everything but the address's @; line breaks are CRLF. */
  const mailto = (address, subject, body) => {
    const encode = (value) => encodeURIComponent(value.replace(/\r?\n/g, "\r\n"));
    const to = encodeURIComponent(address.trim()).replace(/%40/g, "@");
    return `mailto:${to}?subject=${encode(subject)}&body=${encode(body)}`;
  };

  const textOf = (letter, selector) => letter.querySelector(selector)?.textContent ?? "";

  const fill = (details) => {
    document.querySelectorAll(".bo-placeholder").forEach((placeholder) => {
      const label = placeholder.dataset.placeholder;
      const value = (details.get(label) ?? "").trim();
      placeholder.textContent = value || `[${label}]`;
      placeholder.classList.toggle("bo-placeholder--filled", Boolean(value));
      if (value) placeholder.classList.remove("bo-placeholder--missing");
    });
    document.querySelectorAll("[data-bo-mailto]").forEach((link) => {
      const letter = link.closest(".bo-letter");
      link.href = mailto(details.get(EMAIL) ?? "", textOf(letter, ".bo-letter__subject-text"),
                         textOf(letter, ".bo-letter__body"));
    });
  };

  /* The form is built from the page's list of placeholders and hints, which readers without
   * JavaScript see instead. The built-in details carry over to other guides; a guide's own
   * fields (an interview date, say) stay with that guide. */
  const setUpDetails = () => {
    const list = document.querySelector("[data-bo-fields]");
    if (!list) return;
    const fields = [...list.querySelectorAll("li[data-field]")].map((item) => ({
      label: item.dataset.field,
      hint: item.querySelector("span").textContent,
      shared: item.hasAttribute("data-bo-shared"),
    }));
    if (list.hasAttribute("data-bo-email") && !fields.some((field) => field.label === EMAIL)) {
      fields.push({ label: EMAIL, hint: T.emailHint, shared: true });
    }
    const guideKey = `${KEY}:${location.pathname}`;
    const keyOf = (field) => (field.shared ? KEY : guideKey);
    const inputs = fields.map((field, index) => {
      const id = `bo-field-${index + 1}`;
      const input = el("input", {
        id, type: field.label === EMAIL ? "email" : "text", autocomplete: AUTOCOMPLETE.get(field.label) ?? "off",
        "aria-describedby": `${id}-hint`, "data-field": field.label,
      });
      input.value = read(keyOf(field)).get(field.label) ?? "";
      input.addEventListener("input", () => {
        const stored = read(keyOf(field));
        if (input.value.trim()) {
          stored.set(field.label, input.value);
          input.removeAttribute("aria-invalid");
        } else {
          stored.delete(field.label);
        }
        write(keyOf(field), stored);
        clearNotices();
        fill(current());
      });
      return input;
    });
    const current = () => new Map(inputs.map((input) => [input.dataset.field, input.value]));
    const clear = el("button", { type: "button", class: "md-button" }, T.clear);
    clear.addEventListener("click", () => {
      inputs.forEach((input) => { input.value = ""; });
      forgetAll();
      clearNotices();
      fill(current());
      inputs[0]?.focus();
    });
    const shared = fields.filter((field) => field.shared).map((field) => field.label);
    const carried = shared.length === fields.length ? T.allCarried : T.someCarried(listOf(shared));
    const form = el("form", { class: "bo-details" }, el("fieldset", {},
      el("legend", {}, T.details),
      el("p", { class: "bo-details__note" }, T.typeOnce),
      el("div", { class: "bo-details__fields" }, ...inputs.map((input, index) => el("p", { class: "bo-field" },
        el("label", { for: input.id }, fields[index].label), input,
        el("small", { id: `${input.id}-hint` }, fields[index].hint)))),
      el("p", { class: "bo-details__kept" }, carried, T.nothingSent),
      el("p", {}, clear)));
    form.addEventListener("submit", (event) => event.preventDefault());
    list.replaceWith(form);
    fill(current());
  };

  const unfilled = (parts) => parts.flatMap((part) =>
    [...part.querySelectorAll(".bo-placeholder:not(.bo-placeholder--filled)")]);

  /* Labels of the placeholders still blank in these parts of a letter, each once, in order. */
  const blanks = (parts) => [...new Set(unfilled(parts).map((blank) => blank.dataset.placeholder))];

  const clearNotices = () => {
    document.querySelectorAll(".bo-notice").forEach((notice) => {
      notice.querySelector("[role=status]").textContent = "";
      notice.querySelector(".bo-notice__anyway")?.remove();
    });
  };

  const announce = (status, message) => {
    status.textContent = message;
    clearTimeout(status.boTimer);
    status.boTimer = setTimeout(() => { status.textContent = ""; }, 5000);
  };

  /* Name the blanks, mark them in the letter and in the form, and offer to go ahead anyway. */
  const stopAtBlanks = (notice, parts, missing, anyway, verb) => {
    const status = notice.querySelector("[role=status]");
    clearTimeout(status.boTimer);
    unfilled(parts).forEach((blank) => blank.classList.add("bo-placeholder--missing"));
    status.textContent = T.blank(verb, listOf(missing), missing.length);
    notice.querySelector(".bo-notice__anyway")?.remove();
    anyway.classList.add("bo-notice__anyway", "md-button");
    notice.append(anyway);
    const inputs = [...document.querySelectorAll(".bo-details input")]
      .filter((input) => missing.includes(input.dataset.field));
    inputs.forEach((input) => input.setAttribute("aria-invalid", "true"));
    inputs[0]?.focus();
  };

  const copy = async (target, status) => {
    const left = blanks([target]);
    try {
      await navigator.clipboard.writeText(target.textContent);
      announce(status, left.length ? T.copiedWithBlanks(listOf(left)) : T.copied);
    } catch {
      /* No Clipboard API (plain http on a LAN, or permission refused): select the text instead. */
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      announce(status, T.selected);
    }
  };

  const headingText = (heading) => (heading ? [...heading.childNodes]
    .filter((node) => !node.classList?.contains("headerlink")).map((node) => node.textContent).join("").trim() : "");

  /* Copy, Copy subject and Open in email app hand a filled letter over at once; with blanks left,
   * they say which, and hand it over only when asked to again. */
  const addLetterActions = () => {
    document.querySelectorAll(".bo-letter").forEach((letter) => {
      const actions = letter.querySelector(".bo-letter__actions");
      const title = headingText(letter.previousElementSibling);
      const kind = letter.querySelector(".bo-letter__kind").textContent.toLowerCase();
      const notice = el("p", { class: "bo-notice" }, el("span", { class: "bo-copy-status", role: "status" }));
      const status = notice.firstChild;

      const copyButton = (label, name, selector) => {
        const target = letter.querySelector(selector);
        const button = el("button", { type: "button", class: "md-button", "aria-label": `${name}: ${title}` }, label);
        button.addEventListener("click", () => {
          const missing = blanks([target]);
          if (!missing.length) return copy(target, status);
          const anyway = el("button", { type: "button", "aria-label": `${T.anyway(name)}: ${title}` }, T.anyway(label));
          anyway.addEventListener("click", () => {
            copy(target, status);
            button.focus(); /* before the button that had focus goes */
            anyway.remove();
          });
          return stopAtBlanks(notice, [target], missing, anyway, "copy");
        });
        return button;
      };
      const buttons = [copyButton(T.copy, T.copyKind(kind), ".bo-letter__body")];
      buttons[0].classList.add("md-button--primary");
      if (letter.querySelector(".bo-letter__subject-text")) {
        buttons.push(copyButton(T.copySubject, T.copySubject, ".bo-letter__subject-text"));
      }

      const mail = letter.querySelector("[data-bo-mailto]");
      mail?.addEventListener("click", (event) => {
        const parts = [letter.querySelector(".bo-letter__subject-text"), letter.querySelector(".bo-letter__body")];
        const missing = blanks(parts);
        if (!missing.length) return;
        event.preventDefault();
        const anyway = el("a", { href: mail.href }, T.openAnyway,
                          el("span", { class: "bo-visually-hidden" }, `: ${title}`));
        /* After the click: a link taken out of the page would not open. */
        anyway.addEventListener("click", () => setTimeout(() => { mail.focus(); clearNotices(); }));
        stopAtBlanks(notice, parts, missing, anyway, "open");
      });
      actions.prepend(...buttons);
      actions.append(notice);
    });
  };

  /* The finder lists every guide once, under its reason; choosing a reason and a stage narrows the list. */
  const setUpFinder = () => {
    const finder = document.querySelector("[data-bo-finder]");
    if (!finder) return;
    const form = finder.querySelector("form");
    const count = finder.querySelector("[data-bo-count]");
    const update = () => {
      const reason = form.elements.reason.value;
      const stage = form.elements.stage.value;
      let shown = 0;
      finder.querySelectorAll("[data-category]").forEach((section) => {
        const wanted = !reason || section.dataset.category === reason;
        let inSection = 0;
        section.querySelectorAll("li[data-stages]").forEach((item) => {
          item.hidden = !wanted || (Boolean(stage) && !item.dataset.stages.split(" ").includes(stage));
          inSection += item.hidden ? 0 : 1;
        });
        section.hidden = inSection === 0;
        shown += inSection;
      });
      count.textContent = shown === 0 ? T.noMatch : T.matches(shown);
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    update();
  };

  /* Gaps in Material's markup that accessibility checkers rightly flag. */
  const nameMaterialLandmarks = () => {
    document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", T.search);
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach((nav) => {
      const label = document.getElementById(nav.getAttribute("aria-labelledby"));
      const title = label?.parentElement?.querySelector(":scope > .md-nav__container > a, :scope > a");
      if (label && !label.textContent.trim() && title) nav.setAttribute("aria-label", title.textContent.trim());
    });
    document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap) => {
      wrap.tabIndex = 0; /* wide tables scroll sideways on phones: reachable by keyboard too */
    });
  };

  const init = () => {
    nameMaterialLandmarks();
    setUpDetails();
    addLetterActions();
    setUpFinder();
  };

  /* Material's instant navigation swaps pages without a reload and announces each on document$. */
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
