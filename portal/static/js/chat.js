// The chat without page reloads. Without this file the form posts and the page
// refreshes; with it, messages go to /api/chat and replies are added to the
// live region, so a screen reader announces them. Nothing is stored in the
// browser: the conversation exists only in this page.
const form = document.getElementById("chat-form");
const list = document.getElementById("chat-log-list");
const choices = document.getElementById("chat-choices");
const input = document.getElementById("chat-message");
const status = document.getElementById("chat-status");

function addLine(speaker, text) {
  const item = document.createElement("li");
  item.className = `fh-chat-line fh-chat-line--${speaker}`;
  const label = document.createElement("span");
  label.className = "govuk-visually-hidden";
  label.textContent = (speaker === "you" ? form.dataset.you : form.dataset.assistant) + " ";
  const body = document.createElement("span");
  body.className = "fh-chat-line__text";
  body.textContent = text; // never innerHTML: replies are text
  item.append(label, body);
  list.append(item);
  item.scrollIntoView({ block: "nearest" });
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
  addLine("you", shown);
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
    for (const reply of body.replies) addLine("assistant", reply.text);
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
