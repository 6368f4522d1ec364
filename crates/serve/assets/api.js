// Renders /openapi.json as a readable page (no third-party code, no network beyond this server).
"use strict";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function schemaText(s) {
  if (!s) return "";
  if (s.$ref) return s.$ref.replace("#/components/schemas/", "");
  if (s.enum) return s.enum.join(" | ");
  if (s.type === "array") return "array of " + schemaText(s.items);
  return s.type || "object";
}

async function main() {
  const root = document.getElementById("doc");
  const doc = await (await fetch("/openapi.json")).json();
  const base = (doc.servers && doc.servers[0] && doc.servers[0].url) || "";
  const parts = [
    el("h2", { text: doc.info.title + " " + doc.info.version }),
    el("p", { text: doc.info.description }),
    el("p", { class: "meta", text: "Base path: " + base }),
  ];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map((p) =>
        el("tr", {}, el("td", {}, el("code", { text: p.name })), el("td", { text: p.in }),
          el("td", { text: schemaText(p.schema) }), el("td", { text: p.description || "" })));
      const responses = Object.entries(op.responses || {}).map(([code, r]) =>
        el("li", {}, el("code", { text: code }), " ", r.description || (r.$ref || "").split("/").pop()));
      const body = op.requestBody
        ? el("p", { class: "meta", text: "Body: " + Object.keys(op.requestBody.content).join(", ") })
        : null;
      parts.push(el("section", { class: "item endpoint", id: method + path },
        el("h3", {}, el("code", { text: method.toUpperCase() + " " + base + path })),
        el("p", { text: op.summary || "" }),
        body,
        params.length ? el("table", {}, el("thead", {}, el("tr", {}, el("th", { text: "name" }), el("th", { text: "in" }),
          el("th", { text: "type" }), el("th", { text: "description" }))), el("tbody", {}, params)) : null,
        el("ul", {}, responses)));
    }
  }
  root.replaceChildren(...parts);
  document.body.dataset.ready = "api";
}

main().catch((e) => {
  document.getElementById("doc").textContent = "Cannot load /openapi.json: " + e;
});
