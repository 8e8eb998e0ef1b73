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

  const copy = async (button) => {
    const letter = button.closest(".bo-letter");
    const target = letter.querySelector(button.dataset.boCopy || ".bo-letter__body");
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

  const setUpDetails = () => {
    const form = document.querySelector("[data-bo-details]");
    if (!form) return;
    const inputs = [...form.querySelectorAll("input")];
    const keyOf = (input) => input.dataset.placeholder || EMAIL;
    const details = load();
    inputs.forEach((input) => {
      input.value = details[keyOf(input)] || "";
      input.addEventListener("input", () => {
        const current = load();
        if (input.value.trim()) current[keyOf(input)] = input.value;
        else delete current[keyOf(input)];
        save(current);
        fill(current);
      });
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelector("[data-bo-clear]").addEventListener("click", () => {
      inputs.forEach((input) => { input.value = ""; });
      save({});
      fill({});
      inputs[0]?.focus();
    });
    form.hidden = false;
    document.querySelectorAll("[data-bo-without-js]").forEach((element) => { element.hidden = true; });
  };

  const setUpFinder = () => {
    const finder = document.querySelector("[data-bo-finder]");
    if (!finder) return;
    const form = finder.querySelector("form");
    const results = finder.querySelector("[data-bo-results]");
    const count = finder.querySelector("[data-bo-count]");
    const update = () => {
      const reason = form.elements.reason.value;
      const stage = form.elements.stage.value;
      let shown = 0;
      results.querySelectorAll("li").forEach((item) => {
        const match = (!reason || item.dataset.category === reason)
          && (!stage || item.dataset.stages.split(" ").includes(stage));
        item.hidden = !match;
        shown += match ? 1 : 0;
      });
      count.textContent = shown === 1 ? "1 guide matches." : `${shown} guides match.`;
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    finder.querySelector("[data-bo-full-list]").hidden = true;
    form.hidden = results.hidden = count.hidden = false;
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
    document.querySelectorAll("[data-bo-copy]").forEach((button) => {
      button.addEventListener("click", () => copy(button));
      button.hidden = false;
    });
    fill(load());
    setUpFinder();
  };

  /* Material's instant navigation swaps pages without a reload and announces each on document$. */
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
