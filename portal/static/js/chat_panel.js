// Open the chat in a panel over the current page instead of leaving it.
// Without JavaScript (or without <dialog>) the "Chat" link simply goes to /chat.
const dialog = document.getElementById("chat-dialog");
const frame = document.getElementById("chat-dialog-frame");
const close = document.getElementById("chat-dialog-close");

if (dialog && frame && typeof dialog.showModal === "function") {
  for (const launcher of document.querySelectorAll("[data-chat-launcher]")) {
    launcher.addEventListener("click", (event) => {
      event.preventDefault();
      if (!frame.getAttribute("src")) frame.setAttribute("src", dialog.dataset.src);
      dialog.showModal(); // traps focus in the panel; Escape closes it
      close.focus();
      dialog.addEventListener("close", () => launcher.focus(), { once: true });
    });
  }
  close.addEventListener("click", () => dialog.close());
}
