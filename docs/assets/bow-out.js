/* Bow Out in the browser: fill the letters with the reader's details, copy and mail them, and
 * filter the guide finder. Details live in sessionStorage for this tab only: no cookies, no
 * localStorage, no requests. Every page works without this script. */
(() => {
  "use strict";

  const KEY = "bow-out:details";
  const EMAIL = "Recipient email";

  const load = () => {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) || {};
    } catch {
      return {};
    }
  };

  const save = (details) => {
    try {
      if (Object.keys(details).length) sessionStorage.setItem(KEY, JSON.stringify(details));
      else sessionStorage.removeItem(KEY);
    } catch {
      /* storage disabled: the page still fills in, it just forgets on the next page */
    }
  };

  const textOf = (letter, selector) => letter.querySelector(selector)?.textContent ?? "";

  /* RFC 6068: percent-encode everything but the address's @; line breaks are CRLF. */
  const mailto = (address, subject, body) => {
    const encode = (value) => encodeURIComponent(value.replace(/\r?\n/g, "\r\n"));
    const to = encodeURIComponent(address.trim()).replace(/%40/g, "@");
    return `mailto:${to}?subject=${encode(subject)}&body=${encode(body)}`;
  };

  const fill = (details) => {
    document.querySelectorAll(".bo-placeholder").forEach((placeholder) => {
      const label = placeholder.dataset.placeholder;
      const value = (details[label] || "").trim();
      placeholder.textContent = value || `[${label}]`;
      placeholder.classList.toggle("bo-placeholder--filled", Boolean(value));
    });
    document.querySelectorAll("[data-bo-mailto]").forEach((link) => {
      const letter = link.closest(".bo-letter");
      link.href = mailto(details[EMAIL] || "", textOf(letter, ".bo-letter__subject-text"),
                         textOf(letter, ".bo-letter__body"));
    });
  };

  const announce = (status, message) => {
    status.textContent = message;
    clearTimeout(status.boTimer);
    status.boTimer = setTimeout(() => { status.textContent = ""; }, 5000);
  };

  const copy = async (letter, selector) => {
    const target = letter.querySelector(selector);
    const status = letter.querySelector(".bo-copy-status");
    try {
      await navigator.clipboard.writeText(target.textContent);
      announce(status, "Copied.");
    } catch {
      /* No Clipboard API (plain http on a LAN, or permission refused): select the text instead. */
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      announce(status, "Selected. Press Ctrl+C (or ⌘C on a Mac) to copy.");
    }
  };

  /* Build an element: el("input", {type: "text"}, child, ...). Text children are never parsed as HTML. */
  const el = (tag, attributes = {}, ...children) => {
    const element = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
    element.append(...children);
    return element;
  };

  const AUTOCOMPLETE = { "Your name": "name" };

  /* The form is built from the page's list of placeholders and hints, which readers without
   * JavaScript see instead. */
  const setUpDetails = () => {
    const list = document.querySelector("[data-bo-fields]");
    if (!list) return;
    const fields = [...list.querySelectorAll("li[data-field]")].map((item) => [
      item.dataset.field, item.querySelector("span").textContent]);
    if (list.hasAttribute("data-bo-email")) fields.push([EMAIL, "only for the “Open in email app” links"]);
    const details = load();
    const inputs = fields.map(([label, hint], index) => {
      const id = `bo-field-${index + 1}`;
      const input = el("input", {
        id, type: label === EMAIL ? "email" : "text", autocomplete: AUTOCOMPLETE[label] || "off",
        "aria-describedby": `${id}-hint`,
      });
      input.value = details[label] || "";
      input.addEventListener("input", () => {
        const current = load();
        if (input.value.trim()) current[label] = input.value;
        else delete current[label];
        save(current);
        fill(current);
      });
      return [el("p", { class: "bo-field" }, el("label", { for: id }, label), input,
                 el("small", { id: `${id}-hint` }, hint)), input];
    });
    const clear = el("button", { type: "button", class: "md-button" }, "Clear my details");
    clear.addEventListener("click", () => {
      inputs.forEach(([, input]) => { input.value = ""; });
      save({});
      fill({});
      inputs[0]?.[1].focus();
    });
    const form = el("form", { class: "bo-details" }, el("fieldset", {},
      el("legend", {}, "Your details"),
      el("p", { class: "bo-details__note" }, "Type once and every letter below fills in. Your details stay "
         + "in this browser tab: nothing is sent anywhere, and closing the tab forgets them."),
      el("div", { class: "bo-details__fields" }, ...inputs.map(([row]) => row)),
      el("p", {}, clear)));
    form.addEventListener("submit", (event) => event.preventDefault());
    list.replaceWith(form);
  };

  const addCopyButtons = () => {
    document.querySelectorAll(".bo-letter").forEach((letter) => {
      const actions = letter.querySelector(".bo-letter__actions");
      const heading = letter.previousElementSibling;
      const title = heading ? [...heading.childNodes].filter((node) => !node.classList?.contains("headerlink"))
        .map((node) => node.textContent).join("").trim() : "";
      const kind = letter.querySelector(".bo-letter__kind").textContent.toLowerCase();
      const button = (label, name, target) => {
        const element = el("button", { type: "button", class: "md-button", "aria-label": name }, label);
        element.addEventListener("click", () => copy(letter, target));
        return element;
      };
      const buttons = [button("Copy", `Copy ${kind}: ${title}`, ".bo-letter__body")];
      buttons[0].classList.add("md-button--primary");
      if (letter.querySelector(".bo-letter__subject-text")) {
        buttons.push(button("Copy subject", `Copy subject: ${title}`, ".bo-letter__subject-text"));
      }
      actions.prepend(...buttons);
      actions.append(el("span", { class: "bo-copy-status", role: "status" }));
    });
  };

  /* The finder's page lists every guide by reason and stage; choosing narrows the same list. */
  const setUpFinder = () => {
    const finder = document.querySelector("[data-bo-finder]");
    if (!finder) return;
    const form = finder.querySelector("form");
    const count = finder.querySelector("[data-bo-count]");
    const update = () => {
      const reason = form.elements.reason.value;
      const stage = form.elements.stage.value;
      const shown = new Set();
      finder.querySelectorAll("[data-category]").forEach((section) => {
        section.hidden = Boolean(reason) && section.dataset.category !== reason;
        section.querySelectorAll("[data-stage]").forEach((group) => {
          group.hidden = Boolean(stage) && group.dataset.stage !== stage;
          if (!section.hidden && !group.hidden) group.querySelectorAll("a").forEach((a) => shown.add(a.href));
        });
      });
      count.textContent = shown.size === 1 ? "1 guide matches." : `${shown.size} guides match.`;
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = count.hidden = false;
    update();
  };

  /* Gaps in Material's markup that accessibility checkers rightly flag. */
  const nameMaterialLandmarks = () => {
    document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "Search");
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
    addCopyButtons();
    fill(load());
    setUpFinder();
  };

  /* Material's instant navigation swaps pages without a reload and announces each on document$. */
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
