// The screening desk: calls the public API with the user's key, kept in sessionStorage only.
"use strict";

const KEY = "prescreen.apiKey";
const $ = (id) => document.getElementById(id);
let lastResult = null;
let lastDescriptions = {};
let droppedFile = null;

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// The description with every matched text of the line's flags marked.
function highlight(description, flags) {
  const spans = [];
  for (const flag of flags) {
    const matched = flag.evidence && flag.evidence.matched_text;
    if (!matched) continue;
    const at = description.toLowerCase().indexOf(String(matched).toLowerCase());
    if (at >= 0) spans.push([at, at + String(matched).length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let out = "", pos = 0;
  for (const [start, end] of spans) {
    if (start < pos) continue;
    out += escapeHtml(description.slice(pos, start)) + "<mark>" + escapeHtml(description.slice(start, end)) + "</mark>";
    pos = end;
  }
  return out + escapeHtml(description.slice(pos));
}

function pastedLines(text) {
  const fields = ["description", "hs_code", "quantity", "unit_value", "currency"];
  return text.split(/\r?\n/).filter((l) => l.trim()).map((row, i) => {
    const line = { line_id: String(i + 1) };
    row.split("\t").forEach((value, col) => {
      const v = value.trim();
      if (!v || col >= fields.length) return;
      line[fields[col]] = ["quantity", "unit_value"].includes(fields[col]) ? Number(v.replace(",", ".")) : v;
    });
    return line;
  });
}

function shipment() {
  const shipper = { id: $("shipper-id").value.trim() || null, country: $("shipper-country").value.trim() || null };
  const consignee = { id: $("consignee-id").value.trim() || null, country: $("destination").value.trim() || null };
  return {
    reference: $("reference").value.trim() || null,
    destination_country: $("destination").value.trim(),
    channel: $("channel").value,
    departure_date: $("departure").value || null,
    shipper, consignee,
  };
}

async function call(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (error) {
    throw new Error("the service cannot be reached: " + error);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const where = (body.errors || []).map((e) => e.loc.join(".") + ": " + e.msg).join("; ");
    throw new Error(`${response.status} ${body.title || ""}: ${where || body.detail || "failed"}`);
  }
  return body;
}

// A packing list is read first (POST /v1/packing-lists/read), so its descriptions can be shown and
// marked, then screened as the lines read.
async function readPackingList(file, key) {
  const form = new FormData();
  form.append("file", file, file.name);
  if ($("sheet").value.trim()) form.append("sheet", $("sheet").value.trim());
  return call("/v1/packing-lists/read", { method: "POST", headers: { "X-API-Key": key }, body: form });
}

async function screen(event) {
  event.preventDefault();
  const key = sessionStorage.getItem(KEY);
  if (!key) return say("enter your API key first", true);
  const file = droppedFile || $("file").files[0];
  let lines, warnings = [];
  try {
    if (file) {
      say("reading the packing list…");
      const read = await readPackingList(file, key);
      lines = read.lines;
      warnings = read.warnings;
    } else {
      lines = pastedLines($("lines").value);
      if (!lines.length) return say("drop a packing list or paste some lines", true);
    }
    lastDescriptions = Object.fromEntries(lines.map((l, i) => [l.line_id || String(i + 1), l.description || ""]));
    say("screening…");
    const result = await call("/v1/screenings", {
      method: "POST",
      headers: { "X-API-Key": key, "Content-Type": "application/json" },
      body: JSON.stringify({ ...shipment(), lines }),
    });
    say("");
    render(result, warnings);
  } catch (error) {
    say(error.message, true);
  }
}

function say(message, isError = false) {
  $("status").textContent = message;
  $("status").className = isError ? "error" : "";
}

function render(result, warnings) {
  lastResult = result;
  $("result").hidden = false;
  $("decision").textContent = result.decision;
  $("decision").className = "badge " + result.decision;
  $("score").textContent = `${result.risk_score} (${result.risk_level})`;
  $("campaigns").textContent = result.campaigns.length ? result.campaigns.join(", ") : "none";
  $("versions").textContent = `brand list ${result.versions.brand_list} · engine ${result.versions.engine}`;
  $("warnings").innerHTML = warnings
    .filter((w) => w.code !== "column_read")
    .map((w) => `<li>${escapeHtml(w.message)}</li>`).join("");
  $("lines-table").tBodies[0].innerHTML = result.lines.map((line) => {
    const shown = highlight(lastDescriptions[line.line_id] || "", line.flags);
    const flags = line.flags.map((f) =>
      `<div class="flag"><code>${escapeHtml(f.code)}</code> +${f.points}: ${escapeHtml(f.reason)}` +
      `<span class="rec">${escapeHtml(f.recommendation)}</span></div>`).join("");
    return `<tr class="${line.risk_level}" data-line="${escapeHtml(line.line_id)}"><td>${escapeHtml(line.line_id)}</td>` +
      `<td>${line.risk_level}</td><td>${line.risk_score}</td><td>${shown}</td><td>${flags}</td></tr>`;
  }).join("");
  const manifestFlags = result.flags.filter((f) => f.line_id === null);
  $("manifest-flags").innerHTML = manifestFlags.length
    ? "<h3>Whole shipment</h3>" + manifestFlags.map((f) =>
      `<div class="flag"><code>${escapeHtml(f.code)}</code> +${f.points}: ${escapeHtml(f.reason)}` +
      `<span class="rec">${escapeHtml(f.recommendation)}</span></div>`).join("")
    : "";
}

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function downloadCsv() {
  if (!lastResult) return;
  const rows = [["line_id", "risk_level", "risk_score", "code", "points", "reason", "recommendation"]];
  for (const line of lastResult.lines) {
    const head = [line.line_id, line.risk_level, line.risk_score];
    if (!line.flags.length) rows.push([...head, "", "", "", ""]);
    for (const f of line.flags) rows.push([...head, f.code, f.points, f.reason, f.recommendation]);
  }
  for (const f of lastResult.flags.filter((x) => x.line_id === null)) {
    rows.push(["", "", "", f.code, f.points, f.reason, f.recommendation]);
  }
  const text = "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  link.download = `screening-${lastResult.screening_id}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function setKey(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("api-key").value.trim());
  $("api-key").value = "";
  $("key-state").textContent = "key set for this tab";
}

function chooseFile(file) {
  droppedFile = file;
  $("file-name").textContent = file ? file.name : "";
}

document.addEventListener("DOMContentLoaded", () => {
  if (sessionStorage.getItem(KEY)) $("key-state").textContent = "key set for this tab";
  $("departure").value = new Date().toISOString().slice(0, 10);
  $("key-form").addEventListener("submit", setKey);
  $("screen-form").addEventListener("submit", screen);
  $("download-csv").addEventListener("click", downloadCsv);
  $("print").addEventListener("click", () => window.print());
  $("file").addEventListener("change", () => chooseFile($("file").files[0]));
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files.length) chooseFile(e.dataTransfer.files[0]);
  });
});
