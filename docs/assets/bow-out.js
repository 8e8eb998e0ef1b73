/* Bow Out in the browser: show first what fits the reader's answers, fill the letters with their
 * details, copy, mail and print them, and filter the guide finder. Answers and details live in
 * sessionStorage for this tab only: no cookies, no localStorage, no requests. Every page works
 * without this script. Its words are the page's: a JSON block from languages/<code>.yml (`script:`),
 * so that a new language is one data file. */
(() => {
  "use strict";

  const LANG = document.documentElement.lang || "en"; /* Material sets <html lang> */
  let WORDS = {};

  /* say("copy_kind", {kind: "email"}): the page's words for `key`, with the values put in. */
  const say = (key, values = {}) => String(Object.hasOwn(WORDS, key) ? WORDS[key] : key)
    .replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
  const sayCount = (key, n, values = {}) => say(n === 1 ? `${key}_one` : `${key}_other`, { ...values, n });

  const PREFIX = "bow-out:details"; /* every key of the details, so that Clear forgets them all */
  const KEY = `${PREFIX}:${LANG}`; /* the built-in details, shared by every guide; each guide adds its own key */
  const ANSWERS = `bow-out:answers:${LANG}`; /* country and stage, for the edition; each guide adds its own key */
  const EDITION_WIDE = new Set(["country", "stage"]);
  const FOLDS = {
    letters: "other_letters", steps: "other_steps", settle: "other_points", points: "other_points", questions: "other_questions",
  };

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

  /* The text a reader sees: an optional line left out (hidden) is left out of Copy and mail too. */
  const visibleText = (node) => [...node.childNodes].map((child) => {
    if (child.nodeType === Node.TEXT_NODE) return child.data;
    return child.hidden ? "" : visibleText(child);
  }).join("");

  const textOf = (letter, selector) => {
    const part = letter.querySelector(selector);
    return part ? visibleText(part) : "";
  };

  /* Put the details into every placeholder; a line whose optional placeholder is blank is left out. */
  const fill = (details, optional) => {
    document.querySelectorAll(".bo-placeholder").forEach((placeholder) => {
      const label = placeholder.dataset.placeholder;
      const value = (details.get(label) ?? "").trim();
      placeholder.textContent = value || `[${label}]`;
      placeholder.classList.toggle("bo-placeholder--filled", Boolean(value));
      if (value) placeholder.classList.remove("bo-placeholder--missing");
    });
    document.querySelectorAll(".bo-opt").forEach((line) => {
      line.hidden = [...line.querySelectorAll(".bo-placeholder")].some((placeholder) =>
        optional.has(placeholder.dataset.placeholder) && !placeholder.classList.contains("bo-placeholder--filled"));
    });
    document.querySelectorAll("[data-bo-mailto]").forEach((link) => {
      const letter = link.closest(".bo-letter");
      link.href = mailto(details.get(say("email")) ?? "", textOf(letter, ".bo-letter__subject-text"),
                         textOf(letter, ".bo-letter__body"));
    });
  };

  /* The letters the reader can see: not those folded away under "Other letters". */
  const shownLetters = () => [...document.querySelectorAll(".bo-letter")].filter((letter) => !letter.closest(".bo-fold:not([open])"));

  /* The form is built from the page's list of placeholders and hints, which readers without
   * JavaScript see instead. It asks only for what the letters shown use. The built-in details
   * carry over to other guides; a guide's own fields (an interview date, say) stay with that guide. */
  const setUpDetails = () => {
    const list = document.querySelector("[data-bo-fields]");
    if (!list) return null;
    const email = say("email");
    const fields = [...list.querySelectorAll("li[data-field]")].map((item) => ({
      label: item.dataset.field,
      hint: item.querySelector("span")?.textContent ?? "",
      shared: item.hasAttribute("data-bo-shared"),
      optional: item.hasAttribute("data-bo-optional") ? item.querySelector("em")?.textContent ?? "" : null,
      autocomplete: item.dataset.boAutocomplete ?? "off",
    }));
    if (list.hasAttribute("data-bo-email") && !fields.some((field) => field.label === email)) {
      fields.push({ label: email, hint: say("email_hint"), shared: true, optional: null, autocomplete: "email" });
    }
    const optional = new Set(fields.filter((field) => field.optional !== null).map((field) => field.label));
    const guideKey = `${KEY}:${location.pathname}`;
    const keyOf = (field) => (field.shared ? KEY : guideKey);
    const rows = fields.map((field, index) => {
      const id = `bo-field-${index + 1}`;
      const input = el("input", {
        id, type: field.label === email ? "email" : "text", autocomplete: field.autocomplete,
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
        fill(current(), optional);
      });
      const label = el("label", { for: id }, field.label);
      if (field.optional !== null) label.append(" ", el("span", { class: "bo-field__optional" }, field.optional));
      /* The words "Still blank…" come from the page, through the attribute the style sheet shows. */
      const hint = el("small", { id: `${id}-hint`, "data-bo-blank": say("still_blank") }, field.hint);
      return { field, input, row: el("p", { class: "bo-field" }, label, input, hint) };
    });
    const current = () => new Map(rows.map(({ input }) => [input.dataset.field, input.value]));
    const clear = el("button", { type: "button", class: "md-button" }, say("clear"));
    clear.addEventListener("click", () => {
      rows.forEach(({ input }) => { input.value = ""; });
      forgetAll();
      clearNotices();
      fill(current(), optional);
      rows.find(({ row }) => !row.hidden)?.input.focus();
    });
    const kept = el("p", { class: "bo-details__kept" });
    const form = el("form", { class: "bo-details" }, el("fieldset", {},
      el("legend", {}, say("details")),
      el("p", { class: "bo-details__note" }, say("type_once")),
      el("div", { class: "bo-details__fields" }, ...rows.map(({ row }) => row)),
      kept,
      el("p", {}, clear)));
    form.addEventListener("submit", (event) => event.preventDefault());
    list.replaceWith(form);

    /* Ask only for the placeholders of the letters shown (and the address, if one is an email). */
    const refresh = () => {
      const needed = new Set();
      shownLetters().forEach((letter) => {
        letter.querySelectorAll(".bo-placeholder").forEach((placeholder) => needed.add(placeholder.dataset.placeholder));
        if (letter.querySelector("[data-bo-mailto]")) needed.add(email);
      });
      rows.forEach(({ field, row }) => { row.hidden = !needed.has(field.label); });
      const shown = rows.filter(({ row }) => !row.hidden).map(({ field }) => field);
      const shared = shown.filter((field) => field.shared).map((field) => field.label);
      kept.textContent = (shared.length === shown.length ? say("all_carried")
        : say("some_carried", { labels: listOf(shared) })) + say("nothing_sent");
    };
    refresh();
    fill(current(), optional);
    return { form, refresh };
  };

  const unfilled = (parts) => parts.flatMap((part) =>
    [...part.querySelectorAll(".bo-placeholder:not(.bo-placeholder--filled)")]).filter((blank) => !blank.closest("[hidden]"));

  /* Labels of the placeholders still blank in these parts of a letter, each once, in order. */
  const blanks = (parts) => [...new Set(unfilled(parts).map((blank) => blank.dataset.placeholder))];

  const clearNotices = () => {
    document.querySelectorAll(".bo-blocked").forEach((notice) => notice.remove());
    document.querySelectorAll(".bo-details input").forEach((input) => input.setAttribute("aria-describedby", `${input.id}-hint`));
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

  /* Name the blanks and mark them in the letter and the form. The reason and the control to go ahead
   * anyway stand right above the first blank field, where focus goes: eyes, focus and the fix together. */
  const stopAtBlanks = (status, parts, missing, anyway, verb) => {
    clearNotices();
    unfilled(parts).forEach((blank) => blank.classList.add("bo-placeholder--missing"));
    const message = sayCount(verb === "open" ? "not_opened" : "not_copied", missing.length, { labels: listOf(missing) });
    anyway.classList.add("bo-notice__anyway", "md-button");
    const inputs = [...document.querySelectorAll(".bo-details input")]
      .filter((input) => missing.includes(input.dataset.field));
    inputs.forEach((input) => input.setAttribute("aria-invalid", "true"));
    const field = inputs[0];
    if (!field) { /* no form to fill (a field named like no input): say it at the letter */
      status.textContent = message;
      status.parentElement.append(anyway);
      return;
    }
    const row = field.closest(".bo-field");
    row.hidden = false;
    row.before(el("p", { class: "bo-notice bo-blocked", id: "bo-blocked" },
      el("span", { class: "bo-copy-status", role: "status" }, message), anyway));
    field.setAttribute("aria-describedby", `bo-blocked ${field.id}-hint`);
    field.focus({ preventScroll: true });
    document.getElementById("bo-blocked").scrollIntoView({ block: "center", behavior: "instant" });
  };

  const copy = async (target, status) => {
    const left = blanks([target]);
    try {
      await navigator.clipboard.writeText(visibleText(target));
      announce(status, left.length ? say("copied_with_blanks", { labels: listOf(left) }) : say("copied"));
    } catch {
      /* No Clipboard API (plain http on a LAN, or permission refused): select the text instead. */
      const range = document.createRange();
      range.selectNodeContents(target);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      announce(status, say("selected"));
    }
  };

  const headingText = (heading) => (heading ? [...heading.childNodes]
    .filter((node) => !node.classList?.contains("headerlink")).map((node) => node.textContent).join("").trim() : "");

  /* Copy, Copy subject and Open in email app hand a filled letter over at once; with blanks left,
   * they say which, and hand it over only when asked to again. A letter to print gets Print. */
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
          const anyway = el("button", { type: "button", "aria-label": `${say("anyway", { action: name })}: ${title}` },
                            say("anyway", { action: label }));
          anyway.addEventListener("click", () => {
            copy(target, status);
            button.focus(); /* back at the letter, where "Copied" shows */
            clearNotices();
          });
          return stopAtBlanks(status, [target], missing, anyway, "copy");
        });
        return button;
      };
      const buttons = [copyButton(say("copy"), say("copy_kind", { kind }), ".bo-letter__body")];
      buttons[0].classList.add("md-button--primary");
      if (letter.querySelector(".bo-letter__subject-text")) {
        buttons.push(copyButton(say("copy_subject"), say("copy_subject"), ".bo-letter__subject-text"));
      }
      if (letter.dataset.kind === "printed") {
        const print = el("button", { type: "button", class: "md-button", "aria-label": `${say("print")}: ${title}` },
                         say("print"));
        print.addEventListener("click", () => {
          /* Print this letter alone (the style sheet hides the rest), then the page as it was. */
          letter.classList.add("bo-print-this");
          document.body.classList.add("bo-printing");
          window.addEventListener("afterprint", () => {
            letter.classList.remove("bo-print-this");
            document.body.classList.remove("bo-printing");
          }, { once: true });
          window.print();
        });
        buttons.push(print);
      }

      const mail = letter.querySelector("[data-bo-mailto]");
      mail?.addEventListener("click", (event) => {
        const parts = [letter.querySelector(".bo-letter__subject-text"), letter.querySelector(".bo-letter__body")];
        const missing = blanks(parts);
        if (!missing.length) return;
        event.preventDefault();
        const anyway = el("a", { href: mail.href }, say("open_anyway"),
                          el("span", { class: "bo-visually-hidden" }, `: ${title}`));
        /* After the click: a link taken out of the page would not open. */
        anyway.addEventListener("click", () => setTimeout(() => { mail.focus(); clearNotices(); }));
        stopAtBlanks(status, parts, missing, anyway, "open");
      });
      actions.prepend(...buttons);
      actions.append(notice);
    });
  };

  /* "reached:voicemail,not-yet;country:uk" -> Map {reached => [voicemail, not-yet], country => [uk]} */
  const condition = (text) => new Map((text ?? "").split(";").filter(Boolean).map((part) => {
    const [question, options] = part.split(":");
    return [question, options.split(",")];
  }));

  /* The contract's rule: an unanswered question matches every option; `unless` holds only when every
   * question in it is answered with one of its options. */
  const fits = (label, answers) => {
    if (!label) return true;
    const when = condition(label.dataset.when);
    const unless = condition(label.dataset.unless);
    if ([...when].some(([question, options]) => answers.has(question) && !options.includes(answers.get(question)))) {
      return false;
    }
    return !(unless.size && [...unless].every(([question, options]) => options.includes(answers.get(question))));
  };

  /* A section of the guide (its h2 says which kind) as items that fit or fold: list items for steps
   * and points, a heading with what follows it for letters and questions. */
  const setUpSection = (heading) => {
    const kind = heading.dataset.boSection;
    const after = [];
    for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      after.push(node);
    }
    const fold = el("details", { class: "bo-fold", hidden: "" }, el("summary", {}));
    if (kind === "steps" || kind === "points" || kind === "settle") {
      /* One list, or one for everyone and one per country, each under the country's name. */
      const lists = after.filter((node) => node.matches("ul, ol"));
      if (!lists.length) return null;
      const folded = el(lists[0].tagName.toLowerCase());
      fold.append(folded);
      after.filter((node) => node.matches("ul, ol, .bo-more")).at(-1).after(fold);
      const items = lists.flatMap((list) => {
        const group = list.previousElementSibling?.matches(".bo-group") ? list.previousElementSibling.textContent : "";
        return [...list.children].map((item) => {
          const label = item.querySelector(":scope > .bo-if, :scope > p > .bo-if");
          return { nodes: [item], home: list, label, group, own: label?.textContent ?? "" };
        });
      });
      return {
        kind, fold, items,
        place: (fit, rest) => {
          fit.forEach((item) => {
            item.home.append(...item.nodes);
            if (item.group) item.label.textContent = item.own;
          });
          rest.forEach((item) => {
            folded.append(...item.nodes);
            if (item.group) item.label.textContent = [item.group, item.own].filter(Boolean).join(" · "); /* away from its group */
          });
          lists.forEach((list) => {
            list.hidden = list.children.length === 0;
            if (list.previousElementSibling?.matches(".bo-group")) list.previousElementSibling.hidden = list.hidden;
          });
        },
      };
    }
    const groups = [];
    after.forEach((node) => {
      if (node.tagName === "H3") groups.push([node]);
      else if (groups.length && !node.matches("[data-bo-fields], .bo-details")) groups.at(-1).push(node);
    });
    if (!groups.length) return null;
    groups.at(-1).at(-1).after(fold);
    return {
      kind, fold,
      items: groups.map((nodes) => ({ nodes, label: nodes.map((node) => (node.matches(".bo-if") ? node : node.querySelector(".bo-if"))).find(Boolean) })),
      place: (fit, rest) => {
        let anchor = heading;
        fit.forEach((item) => {
          anchor.after(...item.nodes);
          anchor = item.nodes.at(-1);
        });
        anchor.after(fold);
        fold.append(...rest.flatMap((item) => item.nodes));
      },
    };
  };

  /* What to settle first shows two lines of each point on the way to the letters; one control, or a tap
   * on a point, reads them in full. */
  const setUpSettle = () => {
    const more = document.querySelector("[data-bo-more]");
    const heading = document.querySelector("h2[data-bo-section=settle]");
    if (!more || !heading) return;
    const open = () => {
      heading.classList.add("bo-settle--open");
      more.setAttribute("aria-expanded", "true");
      more.parentElement.hidden = true;
    };
    more.addEventListener("click", () => {
      open();
      const first = heading.parentElement.querySelector("h2[data-bo-section=settle] ~ ul > li");
      first?.setAttribute("tabindex", "-1");
      first?.focus();
    });
    const points = [];
    for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (!node.matches("ul")) continue;
      node.addEventListener("click", (event) => { if (!event.target.closest("a")) open(); });
      points.push(...node.children);
    }
    /* Points short enough to show whole need no control. */
    if (!points.some((point) => point.scrollHeight > point.clientHeight + 1)) more.parentElement.hidden = true;
  };

  /* The guide's questions: once answered, what fits comes first in each section, in file order, and
   * the rest folds behind one control. Answers come from the address (for this visit), else from
   * this tab: country and stage for the whole edition, the guide's own questions for this guide. */
  const setUpQuestions = (details) => {
    const form = document.querySelector("[data-bo-questions]");
    if (!form) return;
    const asked = new Map([...form.querySelectorAll("fieldset[data-question]")].map((set) =>
      [set.dataset.question, [...set.querySelectorAll("input[type=radio]")].map((input) => input.value)]));
    const valid = ([question, option]) => asked.get(question)?.includes(option) ?? false;
    const guideKey = `${ANSWERS}:${location.pathname}`;
    const answers = new Map([...read(ANSWERS), ...read(guideKey)].filter(valid));
    const address = new URLSearchParams(location.search);
    address.forEach((option, question) => { if (valid([question, option])) answers.set(question, option); });
    const sections = [...document.querySelectorAll("h2[data-bo-section]")].map(setUpSection).filter(Boolean);
    const fitStatus = form.querySelector("[data-bo-fit]"); /* says what to do, then what fits */
    const intro = fitStatus.textContent;

    const save = () => {
      const edition = read(ANSWERS);
      const guide = new Map();
      asked.forEach((options, question) => {
        const kept = EDITION_WIDE.has(question) ? edition : guide;
        if (answers.has(question)) kept.set(question, answers.get(question));
        else kept.delete(question);
      });
      write(ANSWERS, edition);
      write(guideKey, guide);
      /* The address spoke for its visit only: once the reader answers, drop it from the address. */
      const url = new URL(location.href);
      asked.forEach((options, question) => url.searchParams.delete(question));
      if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    };

    /* On the way to the letters, each country's points wait in one fold until the reader says where they are. */
    const later = (section, item) => section.kind === "settle" && !answers.has("country")
      && condition(item.label?.dataset.when).has("country");

    const arrange = () => {
      const answered = answers.size > 0;
      let letters = null;
      sections.forEach((section) => {
        const fit = [];
        const rest = [];
        section.items.forEach((item) => ((!answered || fits(item.label, answers)) && !later(section, item) ? fit : rest)
          .push(item));
        section.place(fit, rest);
        section.fold.hidden = rest.length === 0;
        section.fold.firstChild.textContent = say(answered ? FOLDS[section.kind] : "by_country", { n: rest.length });
        if (section.kind === "letters") letters = fit;
      });
      /* The details form follows the reader's letter, the first that fits. */
      if (details && letters?.length) letters[0].nodes.at(-1).after(details.form);
      details?.refresh();
      fitStatus.textContent = answered && letters ? sayCount("fit", letters.length) : intro;
      form.classList.toggle("bo-ask--answered", answered);
    };

    form.querySelectorAll("input[type=radio]").forEach((input) => {
      input.checked = answers.get(input.name) === input.value;
    });
    form.addEventListener("change", (event) => {
      if (!valid([event.target.name, event.target.value])) return;
      answers.set(event.target.name, event.target.value);
      save();
      arrange();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelector("[data-bo-reset]").addEventListener("click", () => {
      answers.clear();
      form.querySelectorAll("input[type=radio]").forEach((input) => { input.checked = false; });
      save();
      arrange();
      form.querySelector("input[type=radio]").focus(); /* the control goes with the answers */
    });
    sections.forEach((section) => section.fold.addEventListener("toggle", () => details?.refresh()));
    arrange();
  };

  /* The finder lists every guide once, under its reason; choosing a reason and a stage narrows the
   * list, and the links carry the stage (and the country) into the guide's own questions. */
  const setUpFinder = () => {
    const finder = document.querySelector("[data-bo-finder]");
    if (!finder) return;
    const form = finder.querySelector("form");
    const count = finder.querySelector("[data-bo-count]");
    const country = form.elements.country;
    const chosen = new Map([["country", read(ANSWERS).get("country")]]);
    /* From the address too (the home page links to a stage): an unknown value is ignored. */
    new URLSearchParams(location.search).forEach((value, name) => chosen.set(name, value));
    form.querySelectorAll("input[type=radio]").forEach((input) => {
      if (chosen.has(input.name) && chosen.get(input.name) === input.value) input.checked = true;
    });
    const update = () => {
      const reason = form.elements.reason.value;
      const stage = form.elements.stage.value;
      let shown = 0;
      finder.querySelectorAll("[data-category]").forEach((section) => {
        const wanted = !reason || section.dataset.category === reason;
        let inSection = 0;
        section.querySelectorAll("li[data-stages]").forEach((item) => {
          const stages = item.dataset.stages.split(" ");
          item.hidden = !wanted || (Boolean(stage) && !stages.includes(stage));
          inSection += item.hidden ? 0 : 1;
          const link = item.querySelector("a");
          const url = new URL(link.href);
          url.search = "";
          if (stage) url.searchParams.set("stage", stage);
          if (country?.value) url.searchParams.set("country", country.value);
          link.href = url.href;
        });
        section.hidden = inSection === 0;
        shown += inSection;
      });
      count.textContent = shown === 0 ? say("no_match") : sayCount("matches", shown);
    };
    form.addEventListener("change", (event) => {
      if (event.target.name === "country") {
        const edition = read(ANSWERS);
        edition.set("country", event.target.value);
        write(ANSWERS, edition);
      }
      update();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    update();
  };

  /* Gaps in Material's markup that accessibility checkers rightly flag. */
  const nameMaterialLandmarks = () => {
    document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", say("search"));
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
    try {
      WORDS = JSON.parse(document.getElementById("__bow_out")?.textContent ?? "{}") ?? {};
    } catch {
      WORDS = {};
    }
    nameMaterialLandmarks();
    const skip = document.querySelector("[data-bo-skip]");
    if (skip) skip.hidden = !document.getElementById("example-letters");
    const details = setUpDetails();
    addLetterActions();
    setUpSettle();
    setUpQuestions(details);
    setUpFinder();
  };

  /* Material's instant navigation swaps pages without a reload and announces each on document$. */
  if (typeof window.document$ !== "undefined") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
