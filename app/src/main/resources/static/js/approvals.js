// Drives #approvals-panel: lists pending approvals, counts down to expiry, approves or rejects.
(function () {
  const panel = document.getElementById("approvals-panel");
  if (!panel) {
    return;
  }
  const integration = panel.dataset.integration;
  const base = "/api/integrations/" + encodeURIComponent(integration) + "/approvals";
  const list = panel.querySelector(".approvals-list");
  const empty = panel.querySelector(".approvals-empty");
  const error = panel.querySelector(".approvals-error");
  const template = panel.querySelector(".approval-template");

  function csrf() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function timeLeft(expiresAt) {
    const seconds = Math.max(0, Math.floor((new Date(expiresAt) - Date.now()) / 1000));
    if (seconds === 0) {
      return "Expired";
    }
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return "Expires in " + (h > 0 ? h + " h " : "") + m + " min";
  }

  function detail(dl, name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && value.length === 0)) {
      return;
    }
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = Array.isArray(value) ? value.join(", ") : String(value);
    dl.append(dt, dd);
  }

  function render(approval) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.id = approval.id;
    item.querySelector(".approval-summary").textContent = approval.summary;
    const p = approval.payload || {};
    const dl = item.querySelector(".approval-details");
    ["to", "cc", "bcc", "subject", "body", "title", "startsAt", "endsAt", "location",
     "attendees", "response"].forEach((key) => detail(dl, key, p[key]));
    const conflicts = p.conflicts || [];
    if (conflicts.length > 0) {
      const box = item.querySelector(".approval-conflicts");
      box.hidden = false;
      conflicts.forEach((c) => {
        const li = document.createElement("li");
        li.textContent = (c.title || "(no title)") + " — " + (c.startsAt || "") + " to " + (c.endsAt || "");
        box.querySelector("ul").append(li);
      });
    }
    const expiry = item.querySelector(".approval-expiry");
    expiry.dataset.expiresAt = approval.expiresAt;
    expiry.textContent = timeLeft(approval.expiresAt);
    item.querySelector(".approve").addEventListener("click", () => decide(item, "approve"));
    item.querySelector(".reject").addEventListener("click", () => decide(item, "reject"));
    return item;
  }

  async function decide(item, action) {
    item.querySelectorAll("button").forEach((b) => (b.disabled = true));
    const outcome = item.querySelector(".approval-outcome");
    const notes = item.querySelector(".approval-note").value;
    try {
      const response = await fetch(base + "/" + item.dataset.id, {
        method: "POST",
        headers: {"Content-Type": "application/json", "X-XSRF-TOKEN": csrf(),
                  "Accept": "application/json"},
        body: JSON.stringify({action: action, notes: notes || null}),
      });
      const body = await response.json();
      if (!response.ok) {
        outcome.textContent = body.error ? body.error.message : "Failed";
        item.dataset.status = "error";
        return;
      }
      item.dataset.status = body.approval.status;
      outcome.textContent = body.approval.status === "failed"
          ? "Failed: " + body.approval.error
          : "Done: " + body.approval.status;
    } catch (e) {
      outcome.textContent = "Could not reach Theo";
      item.querySelectorAll("button").forEach((b) => (b.disabled = false));
    }
  }

  async function load() {
    try {
      const response = await fetch(base + "?status=pending", {headers: {"Accept": "application/json"}});
      const body = await response.json();
      if (!response.ok) {
        error.textContent = body.error ? body.error.message : "Could not load approvals";
        error.hidden = false;
        return;
      }
      list.replaceChildren(...body.approvals.map(render));
      empty.hidden = body.approvals.length > 0;
      panel.dataset.loaded = "true";
    } catch (e) {
      error.textContent = "Could not load approvals";
      error.hidden = false;
    }
  }

  setInterval(() => {
    panel.querySelectorAll(".approval-expiry").forEach((el) => {
      el.textContent = timeLeft(el.dataset.expiresAt);
    });
  }, 30000);
  load();
})();
