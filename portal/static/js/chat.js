// The chat without page reloads. Without this file the form posts and the page
// refreshes; with it, messages go to /api/chat and replies are added to the
// live region, so a screen reader announces them. Nothing is stored in the
// browser: the conversation exists only in this page.
const form = document.getElementById("chat-form");
const list = document.getElementById("chat-log-list");
const choices = document.getElementById("chat-choices");
const input = document.getElementById("chat-message");
const status = document.getElementById("chat-status");

// Addresses become links and phone numbers tel: links, as the page does without
// JavaScript (portal/chat/links.py: keep the two patterns the same).
const LINKS =
  /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]])|(?<![\d/.:])(0\d{2,4} ?\d{3,4} ?\d{3,4}|116 ?\d{3}|999|101)(?!\d)|(?<![\d/.:])(85258)(?!\d)/g;

function linked(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(LINKS)) {
    fragment.append(text.slice(last, match.index));
    const link = document.createElement("a");
    link.className = match[1] ? "govuk-link" : "govuk-link fh-phone";
    link.href = match[1] ? match[1] : `${match[3] ? "sms" : "tel"}:${match[0].replaceAll(" ", "")}`;
    link.textContent = match[0];
    fragment.append(link);
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function addLine(speaker, text) {
  const item = document.createElement("li");
  item.className = `fh-chat-line fh-chat-line--${speaker}`;
  const label = document.createElement("span");
  label.className = "govuk-visually-hidden";
  label.textContent = (speaker === "you" ? form.dataset.you : form.dataset.assistant) + " ";
  const body = document.createElement("span");
  body.className = "fh-chat-line__text";
  body.append(linked(text)); // text nodes and links built here: never innerHTML
  item.append(label, body);
  list.append(item);
  return item;
}

function showChoices(buttons) {
  choices.replaceChildren();
  for (const button of buttons || []) {
    const element = document.createElement("button");
    element.type = "submit";
    element.name = "message";
    element.value = button.payload;
    element.className = "govuk-button govuk-button--secondary fh-chat-choice";
    element.textContent = button.title;
    element.dataset.title = button.title;
    choices.append(element);
  }
}

async function send(message, shown) {
  addLine("you", shown).scrollIntoView({ block: "nearest" });
  showChoices([]);
  status.textContent = form.dataset.sending;
  try {
    const response = await fetch(form.dataset.api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: form.dataset.session, message, lang: form.dataset.lang }),
    });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    // The first new reply is scrolled to its top, so the start of the answer (and the
    // question after it) is in view, not only its end.
    let first = null;
    for (const reply of body.replies) {
      const item = addLine("assistant", reply.text);
      first = first || item;
    }
    if (first) first.scrollIntoView({ block: "start" });
    const last = body.replies[body.replies.length - 1];
    showChoices(last ? last.buttons : []);
    status.textContent = "";
  } catch (error) {
    status.textContent = form.dataset.failed;
    input.value = message.startsWith("/") ? "" : message;
  }
  input.focus();
}

if (form && list && window.fetch) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter;
    if (button && button.name === "message" && button.value) {
      send(button.value, button.textContent.trim());
      return;
    }
    const message = input.value.trim();
    if (!message) {
      input.focus();
      return;
    }
    input.value = "";
    send(message, message);
  });
}

// In the panel over another page, pressing Shift three times leaves the site, as
// "Exit this page" does on every page (its keyboard shortcut does not reach a frame).
const exitLink = document.getElementById("panel-exit");
if (exitLink && window.self !== window.top) {
  let presses = [];
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") return;
    const now = Date.now();
    presses = [...presses.filter((time) => now - time < 5000), now];
    if (presses.length >= 3) window.top.location.href = exitLink.href;
  });
}

// In the panel over another page, Escape closes the panel even when focus is in here.
if (window.self !== window.top) {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    try {
      const panel = window.parent.document.getElementById("chat-dialog");
      if (panel && panel.open) panel.close();
    } catch (error) {
      // Not framed by the portal: nothing to close.
    }
  });
}
