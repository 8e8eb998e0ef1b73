"""A guide fitted to the reader, in Chromium: its questions, what fits first, optional lines, the answer first.

Issue 18: answering and changing an answer, answers preset from the address and remembered, optional lines
left out of Copy and the email app, the labeled view without JavaScript, the first letter's position on a
phone in both editions, and where focus and the reason go after a blocked Copy. Also issue 20 §6: the page
script takes every word it says from the language files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import LAYOUT_SHIFT, ROOT, axe_violations, clipboard, make_project, open_page, serving

PHONE = {"width": 360, "height": 740}
TWO_SCREENS = 2 * PHONE["height"]

COUNTRIES = "- id: uk\n  name: United Kingdom\n- id: ie\n  name: Ireland\n"
FINAL = """\
title: Final round after a voicemail
summary: You tried to call the recruiter before the final round.
situation: The final round is booked.
stages: [between-rounds, after-offer]
questions:
  - id: reached
    ask: Did you reach the recruiter by phone?
    options:
      spoke: Yes, we spoke
      voicemail: I left a voicemail
      not-yet: Not yet
before_you_decline:
  - Is it the job, or nerves? The last round is long and high-stakes, and cold feet are common. If the job
    still looks right on paper, go to the interview and decide afterward.
  - text: Check your notice period.
    when: {country: uk}
advice:
  - title: Call the recruiter
    body: Call before the panel meets.
    unless: {reached: spoke}
  - title: Confirm in writing
    body: Send a short email the same day.
  - title: Ask for the offer in writing
    body: Only once there is an offer.
    when: {stage: after-offer}
letters:
  - kind: email
    title: Email confirming the call
    when: {reached: spoke}
    subject: Withdrawing from the [Role] final round
    body: |
      Hi [Recipient name],

      As I said on the phone today, I am withdrawing from the [Role] process.

      [Your reason]

      Best regards,
      [Your name]
  - kind: email
    title: Email after a voicemail
    unless: {reached: spoke}
    subject: Withdrawing from the [Role] final round
    body: |
      Hi [Recipient name],

      I left you a voicemail: I am withdrawing from the [Role] process before [Final round date].

      [Your reason]

      Best regards,
      [Your name]
  - kind: printed
    title: Letter to sign
    when: {country: uk}
    body: |
      Dear [Hiring manager],

      I withdraw from the [Role] process.

      [Your name]
  - kind: message
    title: Text to a reference
    body: Hi [Recipient name], I have withdrawn from the [Role] process. [Your name]
fields:
  Your reason:
    hint: one short, true line
    optional: true
  Final round date: the day of the final round
  Hiring manager: the person leading the hire
"""
ABROAD = """\
title: Notice abroad
summary: Your notice depends on where you work.
situation: You signed a contract.
advice:
  - title: Check your notice
    body: It depends on the country.
letters:
  - kind: message
    title: Text for the United Kingdom
    when: {country: uk}
    body: Hi [Recipient name], I am giving notice. [Your name]
  - kind: message
    title: Text for everywhere else
    unless: {country: uk}
    body: Hi [Recipient name], I am withdrawing. [Your name]
"""
FINAL_ES = """\
title: Ronda final después de un mensaje de voz
summary: Llamaste a la reclutadora antes de la ronda final.
situation: La ronda final está fijada.
stages: [between-rounds, after-offer]
questions:
  - id: reached
    ask: ¿Hablaste con la reclutadora?
    options:
      spoke: Sí, hablamos
      voicemail: Dejé un mensaje de voz
      not-yet: Todavía no
advice:
  - title: Confirma por escrito
    body: Envía un correo breve el mismo día.
letters:
  - kind: email
    title: Correo tras la llamada
    when: {reached: spoke}
    subject: Me retiro del proceso de [Puesto]
    body: |
      Hola, [Nombre del destinatario]:

      Como te dije por teléfono, me retiro del proceso de [Puesto].

      [Tu motivo]

      Un saludo,
      [Tu nombre]
  - kind: message
    title: Mensaje tras el buzón de voz
    unless: {reached: spoke}
    body: Hola, [Nombre del destinatario]. Te dejé un mensaje de voz y me retiro del proceso. [Tu nombre]
  - kind: message
    title: Mensaje en España
    when: {country: es}
    body: Hola, [Nombre del destinatario]. Me retiro. [Tu nombre]
fields:
  Tu motivo:
    hint: una frase breve y cierta
    optional: true
"""
NERVES = ("Is it the job, or nerves? The last round is long and high-stakes, and cold feet are common. If the job "
          "still looks right on paper, go to the interview and decide afterward.")
LETTERS_FIRST_TO_LAST = ["Email confirming the call", "Email after a voicemail", "Letter to sign",
                         "Text to a reference"]


@pytest.fixture(scope="module")
def qa_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two guides that ask questions, and the edition's countries."""
    project = make_project(tmp_path_factory.mktemp("questions"), with_scenarios=False)
    project.write("_countries.yml", COUNTRIES)
    project.write("final.yml", FINAL)
    project.write("abroad.yml", ABROAD)
    project.write("es/_categories.yml", (ROOT / "scenarios" / "es" / "_categories.yml").read_text(encoding="utf-8"))
    project.write("es/_countries.yml", "- id: es\n  name: España\n- id: mx\n  name: México\n")
    project.write("es/final.yml", FINAL_ES)
    for name in ("how-to-decline-well.md", "faq.md"):  # they link to guides this catalog lacks
        (project.root / "docs" / "es" / name).write_text(f"# {name[:-3]}\n")
    project.build()
    project.build(config_file="mkdocs.es.yml")
    with serving(project.site) as url:
        yield url


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """The project's own guides in both editions; the URL and each edition's guide ids."""
    project = make_project(tmp_path_factory.mktemp("editions"), with_scenarios=True)
    project.build()
    project.build(config_file="mkdocs.es.yml")
    ids = {"": sorted(path.stem for path in project.scenarios.glob("[!_]*.yml")),
           "es/": sorted(path.stem for path in (project.scenarios / "es").glob("[!_]*.yml"))}
    with serving(project.site) as url:
        yield url, ids


@pytest.fixture
def phone(browser) -> Iterator[object]:
    """A phone-sized context that may use the clipboard; no request may leave the local site."""
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    yield context
    context.close()
    assert [url for url in requests if not url.startswith("http://127.0.0.1:")] == []


def letter_titles(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        "letters => letters.map((letter) => letter.previousElementSibling.firstChild.textContent.trim())")


def shown_letters(page) -> list[str]:
    return letter_titles(page, "article .bo-letter:not(.bo-fold .bo-letter)")


def folded_letters(page) -> list[str]:
    return letter_titles(page, "article .bo-fold .bo-letter")


def top(locator) -> float:
    return locator.evaluate("element => element.getBoundingClientRect().top + scrollY")


@pytest.mark.build
def test_answering_puts_what_fits_first_and_folds_the_rest_behind_one_control(phone, qa_site: str) -> None:
    from playwright.sync_api import expect

    page = open_page(phone, f"{qa_site}/guides/final/")
    assert shown_letters(page) == LETTERS_FIRST_TO_LAST and folded_letters(page) == []
    # Before an answer everything shows, but on the way to the letters each country's points wait in one fold.
    expect(page.locator(".bo-fold:visible summary")).to_have_text(["Points for each country (1)"])
    assert page.locator(".bo-fold li .bo-if").first.text_content() == "United Kingdom"
    form_bottom = top(page.locator("h2#before-you-decline"))

    page.get_by_label("I left a voicemail").check()
    assert shown_letters(page) == ["Email after a voicemail", "Letter to sign", "Text to a reference"]
    assert folded_letters(page) == ["Email confirming the call"]  # folded, never removed
    fold = page.locator(".bo-fold:has(.bo-letter)")
    expect(fold.locator("summary")).to_have_text("Other letters (1)")
    assert not fold.locator(".bo-letter").first.is_visible()
    steps = page.locator("h2#what-to-do + ol > li").all_inner_texts()
    assert [step.split("\n")[0] for step in steps] == [
        "Not if: Yes, we spoke Call the recruiter", "Confirm in writing",
        "If: After an offer Ask for the offer in writing"]
    expect(page.locator("[data-bo-fit]")).to_have_text("3 letters fit your answers.")
    assert top(page.locator("h2#before-you-decline")) == form_bottom  # nothing above the letters moved

    page.get_by_label("Somewhere else").check()
    assert shown_letters(page) == ["Email after a voicemail", "Text to a reference"]
    assert folded_letters(page) == ["Email confirming the call", "Letter to sign"]  # in file order
    expect(fold.locator("summary")).to_have_text("Other letters (2)")
    assert page.locator("h2#before-you-decline + ul > li").all_text_contents() == [NERVES]
    assert page.locator(".bo-group:visible").count() == 0  # the United Kingdom's point folded, named
    assert page.locator(".bo-fold li .bo-if").first.text_content() == "United Kingdom"
    fold.locator("summary").click()
    assert fold.locator(".bo-letter").first.is_visible()
    assert page.errors == []


@pytest.mark.build
def test_changing_an_answer_and_showing_everything_again(phone, qa_site: str) -> None:
    page = open_page(phone, f"{qa_site}/guides/final/")
    page.get_by_label("I left a voicemail").check()
    page.get_by_label("Yes, we spoke").check()
    assert shown_letters(page) == ["Email confirming the call", "Letter to sign", "Text to a reference"]
    assert folded_letters(page) == ["Email after a voicemail"]
    assert "Call the recruiter" in " ".join(page.locator(".bo-fold ol").all_text_contents())  # a step folds too
    page.get_by_role("button", name="Show everything").click()
    assert shown_letters(page) == LETTERS_FIRST_TO_LAST and folded_letters(page) == []
    assert page.locator("input[type=radio]:checked").count() == 0
    assert page.evaluate("document.activeElement.name") == "reached"  # focus stays in the form
    page.reload()
    page.wait_for_load_state("networkidle")
    assert shown_letters(page) == LETTERS_FIRST_TO_LAST  # the cleared answers stay cleared
    assert page.errors == []


@pytest.mark.build
def test_answers_preset_from_the_address_and_remembered_within_an_edition(phone, qa_site: str) -> None:
    page = open_page(phone, f"{qa_site}/guides/final/?reached=voicemail&country=ie&stage=nonsense")
    assert page.get_by_label("I left a voicemail").is_checked()
    assert page.get_by_role("radio", name="Ireland").is_checked()
    assert page.locator("input[name=stage]:checked").count() == 0  # an unknown value is ignored
    assert shown_letters(page) == ["Email after a voicemail", "Text to a reference"]

    page.get_by_role("radio", name="United Kingdom").check()  # the reader's answer is kept, and the address lets go
    assert "country=" not in page.url and "reached=" not in page.url
    page.goto(f"{qa_site}/guides/abroad/")  # another guide: the country carries over, nothing else
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("radio", name="United Kingdom").is_checked()
    assert shown_letters(page) == ["Text for the United Kingdom"]
    page.goto(f"{qa_site}/guides/abroad/?country=ie")  # the address wins for this visit
    page.wait_for_load_state("networkidle")
    assert shown_letters(page) == ["Text for everywhere else"]
    page.goto(f"{qa_site}/guides/final/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("I left a voicemail").is_checked()
    assert page.get_by_role("radio", name="United Kingdom").is_checked()
    assert page.evaluate("localStorage.length") == 0 and phone.cookies() == []
    assert page.errors == []


@pytest.mark.build
def test_an_optional_line_left_blank_is_left_out_of_copy_and_the_email_app(phone, qa_site: str) -> None:
    page = open_page(phone, f"{qa_site}/guides/final/?reached=voicemail")
    assert "(optional)" in page.locator("label[for]", has_text="Your reason").inner_text()
    for label, value in [("Your name", "Ada"), ("Recipient name", "Jo"), ("Role", "Analyst"),
                         ("Final round date", "May 8")]:
        page.get_by_label(label, exact=True).fill(value)
    email = page.locator(".bo-letter--email").first
    expected = ("Hi Jo,\n\nI left you a voicemail: I am withdrawing from the Analyst process before May 8.\n\n"
                "Best regards,\nAda")
    assert email.locator(".bo-letter__body").inner_text() == expected
    email.get_by_role("button", name="Copy email").click()  # an optional blank never stops Copy
    assert clipboard(page) == expected
    assert page.locator(".bo-blocked").count() == 0
    href = email.locator("[data-bo-mailto]").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["body"][0] == expected.replace("\n", "\r\n")

    page.get_by_label("Your reason").fill("I have accepted another offer.")
    filled = expected.replace("May 8.\n\n", "May 8.\n\nI have accepted another offer.\n\n")
    email.get_by_role("button", name="Copy email").click()
    assert clipboard(page) == filled
    href = email.locator("[data-bo-mailto]").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["body"][0] == filled.replace("\n", "\r\n")
    assert page.errors == []


@pytest.mark.build
def test_the_details_form_asks_only_for_what_the_letters_shown_use(phone, qa_site: str) -> None:
    from playwright.sync_api import expect

    page = open_page(phone, f"{qa_site}/guides/final/")
    assert page.get_by_label("Hiring manager").is_visible()  # before an answer, every letter shows
    assert page.get_by_label("Company").count() == 0  # no letter on this page uses [Company]
    page.get_by_label("Somewhere else").check()
    assert not page.get_by_label("Hiring manager").is_visible()  # only the folded letter to sign uses it
    page.locator(".bo-fold:has(.bo-letter) summary").click()
    expect(page.get_by_label("Hiring manager")).to_be_visible()  # the reader opened the letter that uses it
    # The form follows the reader's letter, the first that fits.
    first = page.locator("article .bo-letter").first
    assert first.evaluate("letter => letter.nextElementSibling.matches('form.bo-details')")
    assert page.errors == []


@pytest.mark.build
def test_without_javascript_everything_shows_with_the_answers_it_needs(browser, qa_site: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{qa_site}/guides/final/?reached=spoke")
    assert not page.locator("form.bo-ask").is_visible()
    assert shown_letters(page) == LETTERS_FIRST_TO_LAST
    labels = page.locator(".bo-if:visible").all_inner_texts()
    assert labels == ["If: Yes, we spoke", "Not if: Yes, we spoke", "If: United Kingdom", "Not if: Yes, we spoke",
                      "If: After an offer"]
    # A country's points stand under its name, after the points for everyone.
    assert page.locator("h2#before-you-decline ~ .bo-group").first.inner_text() == "United Kingdom"
    assert page.locator(".bo-group + ul").first.inner_text() == "Check your notice period."
    body = page.locator(".bo-letter--email .bo-letter__body").first.inner_text()
    assert "[Your reason]" in body  # the letter as written
    href = page.locator("[data-bo-mailto]").first.get_attribute("href")
    assert "Your reason" not in parse_qs(urlsplit(href).query)["body"][0]  # blank, so left out
    assert page.locator(".bo-letter--printed [data-bo-mailto]").count() == 0
    point = page.locator("h2#before-you-decline + ul > li").first
    assert point.evaluate("li => getComputedStyle(li).webkitLineClamp") == "none"  # in full
    context.close()


@pytest.mark.build
def test_a_letter_to_print_prints_alone_and_has_no_email_link(phone, qa_site: str) -> None:
    page = open_page(phone, f"{qa_site}/guides/final/")
    printed = page.locator(".bo-letter--printed")
    assert printed.locator("[data-bo-mailto]").count() == 0
    page.evaluate("window.print = () => { window.printed = document.body.classList.contains('bo-printing'); }")
    printed.get_by_role("button", name=re.compile("^Print")).click()
    assert page.evaluate("window.printed") is True
    page.evaluate("document.body.classList.add('bo-printing'); "
                  "document.querySelector('.bo-letter--printed').classList.add('bo-print-this')")
    page.emulate_media(media="print")
    assert printed.locator(".bo-letter__body").is_visible()
    for other in ["h1", "h2#what-to-do", ".bo-letter--message", ".bo-letter--printed .bo-letter__kind"]:
        assert not page.locator(other).first.is_visible(), other
    assert page.errors == []


@pytest.mark.build
@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "laptop"])
def test_after_a_blocked_copy_the_reason_and_copy_anyway_are_where_focus_is(browser, qa_site: str,
                                                                             viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = open_page(context, f"{qa_site}/guides/final/")
    page.locator(".bo-letter--message").get_by_role("button", name="Copy short message").click()
    focused = page.evaluate("document.activeElement.dataset.field")
    assert focused == "Your name"  # the letter's first blank
    notice = page.locator(".bo-blocked")
    anyway = notice.get_by_role("button", name=re.compile("anyway"))
    for element in [notice, anyway, page.locator("input:focus")]:
        box = element.bounding_box()
        assert box["y"] >= 48 and box["y"] + box["height"] <= viewport["height"], element  # under the header
    # Nothing sits on top of "Copy anyway" (Material's "Back to top" button, the header): a tap reaches it.
    assert anyway.evaluate("button => { const box = button.getBoundingClientRect(); "
                           "return button.contains(document.elementFromPoint(box.x + box.width / 2, "
                           "box.y + box.height / 2)); }")
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')").split()
    assert page.evaluate(f"document.getElementById('{described[0]}').textContent").startswith("Not copied")
    anyway.click()
    assert clipboard(page).startswith("Hi [Recipient name]")
    assert page.evaluate("document.activeElement.textContent") == "Copy"
    context.close()


@pytest.mark.build
def test_a_keyboard_reaches_the_letters_skip_link_in_a_few_tabs(browser, qa_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = open_page(context, f"{qa_site}/guides/final/")
    focused = []
    for _ in range(2):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert focused[-1] == "Skip to the letters", focused  # the second Tab, after Material's "Skip to content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#example-letters")
    context.close()


@pytest.mark.build
def test_from_the_home_page_the_finder_carries_the_stage_and_country_into_the_guide(phone, qa_site: str) -> None:
    page = open_page(phone, f"{qa_site}/")
    page.locator("article").get_by_role("link", name="after an offer").click()  # one choice
    page.wait_for_url(re.compile(r"/find/\?stage=after-offer"))
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("After an offer").is_checked()
    page.locator("[data-bo-finder]").get_by_label("United Kingdom").check()  # two, and optional
    page.locator("[data-bo-finder]").get_by_role("link", name="Final round after a voicemail").click()
    page.wait_for_url(re.compile(r"/guides/final/\?"))
    page.wait_for_load_state("networkidle")
    assert page.get_by_label("After an offer").is_checked()
    assert page.get_by_role("radio", name="United Kingdom").is_checked()
    assert "Ask for the offer in writing" in page.locator("h2#what-to-do + ol").inner_text()
    assert page.errors == []


@pytest.mark.build
@pytest.mark.parametrize("edition", ["", "es/"], ids=["en", "es"])
def test_on_a_phone_the_first_letter_is_within_two_screens_on_every_guide(browser, bilingual_site, edition: str
                                                                          ) -> None:
    url, ids = bilingual_site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    positions, settle_after = {}, []
    for guide in ids[edition]:
        page.goto(f"{url}/{edition}guides/{guide}/")
        page.wait_for_load_state("networkidle")
        positions[guide] = round(top(page.locator("article .bo-letter").first))
        settle = page.locator("h2[data-bo-section=settle]")
        if settle.count() and top(settle) > positions[guide]:
            settle_after.append(guide)  # what to settle first comes on the way to the letter
    context.close()
    print(f"first letter at 360x740 ({edition or 'en'}):", json.dumps(positions))
    assert {guide: y for guide, y in positions.items() if y > TWO_SCREENS} == {}
    assert settle_after == []


def test_the_page_script_says_nothing_of_its_own_and_every_language_has_its_words() -> None:
    script = (ROOT / "docs" / "assets" / "bow-out.js").read_text(encoding="utf-8")
    css = (ROOT / "docs" / "assets" / "bow-out.css").read_text(encoding="utf-8")
    languages = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
                 for path in (ROOT / "hooks" / "bow_out" / "languages").glob("*.yml")}
    for words in languages.values():
        for text in words["script"].values():
            if len(text) > 12:
                assert text not in script and text.strip() not in css, text
    used = set(re.findall(r"say(?:Count)?\(\"(\w+)\"", script)) | set(re.findall(r"\b\w+: \"(other_\w+)\"", script))
    counted = set(re.findall(r"sayCount\(\"(\w+)\"", script)) | {"not_copied", "not_opened"}
    needed = (used - counted) | {f"{key}_{form}" for key in counted for form in ("one", "other")}
    for code, words in languages.items():
        assert needed - set(words["script"]) == set(), code


@pytest.mark.build
def test_the_spanish_edition_speaks_spanish_around_the_questions(phone, qa_site: str) -> None:
    from playwright.sync_api import expect

    page = open_page(phone, f"{qa_site}/es/guides/final/")
    assert page.locator("fieldset[data-question=country] legend").inner_text() == "¿En qué país estás?"
    assert page.get_by_role("radio", name="En otro lugar").count() == 1
    assert page.locator(".bo-if").all_inner_texts()[:2] == ["Si: Sí, hablamos", "Salvo si: Sí, hablamos"]
    assert "(opcional)" in page.locator("label[for]", has_text="Tu motivo").inner_text()
    page.get_by_label("Dejé un mensaje de voz").check()
    expect(page.locator("[data-bo-fit]")).to_have_text("2 cartas encajan con tus respuestas.")
    expect(page.locator(".bo-fold:has(.bo-letter) summary")).to_have_text("Otras cartas (1)")
    expect(page.get_by_role("button", name="Mostrar todo")).to_be_visible()
    page.locator(".bo-letter--message").first.get_by_role("button", name=re.compile("^Copiar")).click()
    expect(page.locator(".bo-blocked [role=status]")).to_contain_text(
        "No copiamos la carta: faltan Nombre del destinatario")
    assert page.get_by_label("Tu nombre", exact=True).get_attribute("aria-invalid") == "true"
    hint = page.locator("input[aria-invalid=true] + small").first
    assert hint.evaluate("small => getComputedStyle(small, '::before').content").startswith('"Falta en una carta')
    page.goto(f"{qa_site}/guides/final/")  # the English edition keeps its own answers
    page.wait_for_load_state("networkidle")
    assert page.locator("input[type=radio]:checked").count() == 0
    assert page.errors == []


@pytest.mark.build
def test_what_to_settle_first_is_short_on_the_way_and_reads_in_full_on_request(phone, qa_site: str) -> None:
    page = open_page(phone, f"{qa_site}/guides/final/?country=uk")
    points = page.locator("h2#before-you-decline ~ ul:not(h2 ~ h2 ~ ul) > li")
    assert points.count() == 2 and points.evaluate_all("items => items.map((li) => getComputedStyle(li)"
                                                        ".webkitLineClamp)") == ["2", "2"]
    assert page.locator(".bo-group:visible").all_inner_texts() == ["United Kingdom"]  # the reader's country's
    more = page.get_by_role("button", name="Read in full")
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert points.evaluate_all("items => items.map((li) => getComputedStyle(li).webkitLineClamp)") == ["none", "none"]
    assert page.evaluate("document.activeElement.textContent") == NERVES
    assert page.errors == []


@pytest.mark.build
def test_a_guide_with_questions_has_no_axe_violations_answered_or_blocked(phone, qa_site: str) -> None:
    found = {}
    for path in ["guides/final/", "es/guides/final/", "find/"]:
        page = open_page(phone, f"{qa_site}/{path}")
        found[path] = axe_violations(page)
        page.close()
    page = open_page(phone, f"{qa_site}/guides/final/?reached=voicemail&country=other")
    page.locator(".bo-fold:has(.bo-letter) summary").click()
    page.get_by_role("button", name="Read in full").click()
    page.locator(".bo-letter--email").first.get_by_role("button", name="Copy email").click()  # a blocked notice
    found["answered, opened and blocked"] = axe_violations(page)
    assert found == {key: [] for key in found}


@pytest.mark.build
def test_a_guide_fitted_from_the_address_does_not_shift_as_it_sets_up(phone, qa_site: str) -> None:
    shifts = {}
    for query in ["", "?reached=voicemail&country=other", "?reached=spoke"]:
        page = open_page(phone, f"{qa_site}/guides/final/{query}")
        shifts[query] = round(page.evaluate(LAYOUT_SHIFT), 3)
        page.close()
    assert {query: shift for query, shift in shifts.items() if shift > 0.05} == {}


@pytest.mark.parametrize(("body", "left"), [
    ("Dear [A],\n\nI withdraw.\n\n[Why]\n\nBest,\n[B]", "Dear [A],\n\nI withdraw.\n\nBest,\n[B]"),  # the blank before
    ("Dear [A],\nI withdraw.\n[Why]\nBest", "Dear [A],\nI withdraw.\nBest"),  # no blank line: its own break
    ("[Why]\n\nHi [A].", "Hi [A]."),  # first: the blank after
    ("Hi.\n\n[Why]\n\n[Why] again.", "Hi."),  # last two
    ("Hi.\n\n[Why]\n\n[Why] again.\n\nBye", "Hi.\n\nBye"),  # two in a row leave one gap, not none or two
    ("[Why]", ""),
])
def test_a_blank_optional_line_goes_with_one_neighboring_blank_line(body: str, left: str) -> None:
    from bow_out import letters

    optional = frozenset({"Why"})
    assert letters.without_optional_lines(body, optional) == left
    # The page wraps the same ranges, which the script hides while the field is blank.
    page = letters.letter_html(body, optional)
    assert re.sub(r"<[^>]+>", "", page).replace("&#10;", "\n") == body  # shown whole, nothing twice
    hidden = re.sub(r'<span class="bo-opt">(?:[^<]|<span [^>]*>[^<]*</span>)*</span>', "", page)
    assert re.sub(r"<[^>]+>", "", hidden).replace("&#10;", "\n") == left
