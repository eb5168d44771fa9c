#!/usr/bin/env node
// Independent check of govcorpus WARC files, built on warcio.js (the parser
// ReplayWeb.page uses), so that our Go writer is not graded by its own code.
//
// Usage: node validate.mjs [--expect-records N (total over all files)] [--no-cdxj]
//        [--allow-external-refs (revisits may refer to files not given)] FILE.warc.gz...
//
// For each file it checks that:
//   - warcio.js parses every record, and WARC-Type, WARC-Record-ID,
//     WARC-Date and Content-Length are present; the first record is warcinfo;
//   - every record is its own gzip member: members are contiguous, cover the
//     file exactly, and each inflates alone to exactly one record. A
//     whole-file gzip passes some validators with a single record, so this
//     is checked on the raw bytes;
//   - WARC-Block-Digest and WARC-Payload-Digest (sha1, base32) match the
//     bytes, the payload digest taken over the entity: a chunked body is
//     de-chunked first, a gzip one stays compressed (WARC 1.1 6.3.2);
//   - revisits carry profile, refers-to URI and date, identical-payload
//     ones a payload digest; every WARC-Refers-To names a response record
//     in the files given, at the URI and date the revisit says;
//   - every record but warcinfo names its file's warcinfo in
//     WARC-Warcinfo-ID;
//   - every WARC-Concurrent-To names a record in the same file, and every
//     request record has one;
//   - the .cdxj sidecar, when present, lists exactly what warcio.js's own
//     CDXJ indexer produces, in sorted order.
// It prints a JSON summary and exits 1 on any problem, 2 on usage errors.

import { createHash } from "node:crypto";
import { readFileSync, existsSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { basename } from "node:path";
import { WARCParser, CDXIndexer } from "warcio";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(buf) {
  let bits = 0, value = 0, out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}

function sha1(buf) {
  return "sha1:" + base32(createHash("sha1").update(buf).digest());
}

function normDigest(d) {
  if (!d) return d;
  const [alg, val] = d.split(":", 2);
  return alg.toLowerCase() + ":" + (val || "").toUpperCase().replace(/=+$/, "");
}

function indexOfCRLFCRLF(buf) {
  for (let i = 0; i + 3 < buf.length; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  }
  return -1;
}

async function* chunks(buf) {
  yield buf;
}

const NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified";
const IDENTICAL = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

// dechunk returns the entity of a chunked body, or null when the framing
// is broken.
function dechunk(buf) {
  const parts = [];
  let i = 0;
  for (;;) {
    const eol = buf.indexOf("\r\n", i, "latin1");
    if (eol < 0) return null;
    const size = parseInt(buf.subarray(i, eol).toString("latin1").split(";")[0].trim(), 16);
    if (Number.isNaN(size)) return null;
    i = eol + 2;
    if (size === 0) return Buffer.concat(parts); // trailers may follow
    if (i + size + 2 > buf.length) return null;
    parts.push(buf.subarray(i, i + size));
    i += size + 2;
  }
}

async function checkFile(file, opts, all) {
  const res = { file, records: 0, types: {}, bytes: 0, errors: [] };
  const err = (msg) => { if (res.errors.length < 50) res.errors.push(msg); };
  let raw;
  try {
    raw = readFileSync(file);
  } catch (e) {
    err(`read: ${e.message}`);
    return res;
  }
  res.bytes = raw.length;

  const ids = new Set();
  const links = []; // [offset, type, concurrentTo]
  const members = []; // [offset, length]
  let warcinfoID = null;
  const parser = new WARCParser(chunks(raw), { parseHttp: false, keepHeadersCase: true });
  try {
    for await (const record of parser) {
      const block = await record.readFully(false);
      const offset = parser.offset;
      const length = parser.recordLength;
      const h = record.warcHeaders;
      const type = h.headers.get("WARC-Type");
      const where = `record ${res.records} at ${offset}`;
      res.records++;
      res.types[type] = (res.types[type] || 0) + 1;
      members.push([offset, length]);

      for (const name of ["WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length"]) {
        if (!h.headers.get(name)) err(`${where}: missing ${name}`);
      }
      if (res.records === 1 && type !== "warcinfo") err(`${where}: first record is ${type}, not warcinfo`);
      const id = h.headers.get("WARC-Record-ID");
      if (type === "warcinfo") {
        warcinfoID = id;
      } else if (h.headers.get("WARC-Warcinfo-ID") !== warcinfoID) {
        err(`${where}: WARC-Warcinfo-ID ${h.headers.get("WARC-Warcinfo-ID")} does not name the file's warcinfo ${warcinfoID}`);
      }
      all.records.set(id, { type, uri: h.headers.get("WARC-Target-URI"), date: h.headers.get("WARC-Date") });
      if (ids.has(id)) err(`${where}: duplicate WARC-Record-ID ${id}`);
      ids.add(id);
      const cl = Number(h.headers.get("Content-Length"));
      if (cl !== block.length) err(`${where}: Content-Length ${cl} but block is ${block.length} bytes`);

      const bd = h.headers.get("WARC-Block-Digest");
      if (!bd) {
        err(`${where}: missing WARC-Block-Digest`);
      } else if (normDigest(bd) !== normDigest(sha1(block))) {
        err(`${where}: WARC-Block-Digest ${bd} != computed ${sha1(block)}`);
      }
      const ct = h.headers.get("Content-Type") || "";
      const pd = h.headers.get("WARC-Payload-Digest");
      if (type === "revisit") {
        const profile = h.headers.get("WARC-Profile");
        for (const name of ["WARC-Profile", "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date"]) {
          if (!h.headers.get(name)) err(`${where}: revisit without ${name}`);
        }
        if (profile === IDENTICAL && !pd) err(`${where}: identical-payload-digest revisit without WARC-Payload-Digest`);
        if (profile !== IDENTICAL && profile !== NOT_MODIFIED) err(`${where}: unknown revisit profile ${profile}`);
        if (profile === NOT_MODIFIED && !/^HTTP\/1\.[01] 304/.test(Buffer.from(block.subarray(0, 12)).toString("latin1"))) {
          err(`${where}: server-not-modified revisit whose block is not a 304`);
        }
        if (h.headers.get("WARC-Refers-To")) {
          all.refers.push({ where: `${file} ${where}`, to: h.headers.get("WARC-Refers-To"),
            uri: h.headers.get("WARC-Refers-To-Target-URI"), date: h.headers.get("WARC-Refers-To-Date") });
        }
      } else if ((type === "response" || type === "request") && ct.startsWith("application/http")) {
        const sep = indexOfCRLFCRLF(block);
        if (sep < 0) {
          err(`${where}: HTTP head not terminated`);
        } else if (type === "response" && !pd) {
          err(`${where}: response without WARC-Payload-Digest`);
        } else if (pd) {
          const head = Buffer.from(block.subarray(0, sep)).toString("latin1");
          let payload = Buffer.from(block.subarray(sep + 4));
          if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) {
            payload = dechunk(payload);
            if (payload === null) err(`${where}: chunked body with broken framing`);
          }
          if (payload !== null && normDigest(pd) !== normDigest(sha1(payload))) {
            err(`${where}: WARC-Payload-Digest ${pd} != computed ${sha1(payload)} over the entity`);
          }
        }
      }
      for (const to of h.headers.get("WARC-Concurrent-To") ? [h.headers.get("WARC-Concurrent-To")] : []) {
        links.push([offset, type, to]);
      }
      if (type === "request" && !h.headers.get("WARC-Concurrent-To")) {
        err(`${where}: request without WARC-Concurrent-To`);
      }
    }
  } catch (e) {
    err(`parse after ${res.records} records: ${e.message}`);
  }
  for (const [offset, type, to] of links) {
    if (!ids.has(to)) err(`${type} at ${offset}: WARC-Concurrent-To ${to} names no record in this file`);
  }

  // One gzip member per record, on the raw bytes.
  if (raw.length >= 2 && !(raw[0] === 0x1f && raw[1] === 0x8b)) err("file is not gzip-compressed");
  let expect = 0;
  for (const [offset, length] of members) {
    if (offset !== expect) {
      err(`record at ${offset}: expected a gzip member starting at ${expect} (whole-file or multi-record gzip?)`);
      break;
    }
    let inflated;
    try {
      inflated = gunzipSync(raw.subarray(offset, offset + length));
    } catch (e) {
      err(`record at ${offset}: bytes [${offset}, ${offset + length}) are not one gzip member: ${e.message}`);
      break;
    }
    let n = 0;
    try {
      for await (const r of new WARCParser(chunks(inflated))) {
        await r.readFully(false);
        n++;
      }
    } catch (e) {
      err(`record at ${offset}: member does not parse alone: ${e.message}`);
    }
    if (n !== 1) err(`record at ${offset}: member holds ${n} records, want 1`);
    expect = offset + length;
  }
  if (members.length && expect !== raw.length && res.errors.length === 0) {
    err(`records cover ${expect} of ${raw.length} bytes`);
  }

  if (opts.cdxj && existsSync(file + ".cdxj")) {
    await checkCDXJ(file, raw, err);
  }
  return res;
}

async function checkCDXJ(file, raw, err) {
  const want = readFileSync(file + ".cdxj", "utf8").split("\n").filter(Boolean);
  const sorted = [...want].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  if (want.join("\n") !== sorted.join("\n")) err(`${file}.cdxj is not sorted`);
  const indexer = new CDXIndexer({ format: "cdxj" });
  const got = [];
  for await (const cdx of indexer.iterIndex([{ reader: chunks(raw), filename: basename(file) }])) {
    got.push(cdx);
  }
  const norm = (l) => {
    const i = l.indexOf("{");
    const j = JSON.parse(l.slice(i));
    for (const k of Object.keys(j)) j[k] = String(j[k]);
    return l.slice(0, i) + JSON.stringify(Object.fromEntries(Object.entries(j).sort()));
  };
  const a = new Set(want.map(norm));
  const b = got.map((c) => {
    const { urlkey, timestamp, ...rest } = c;
    for (const k of Object.keys(rest)) rest[k] = String(rest[k]);
    return `${urlkey} ${timestamp} ` + JSON.stringify(Object.fromEntries(Object.entries(rest).sort()));
  });
  for (const l of b) if (!a.has(l)) err(`cdxj: warcio indexes ${l} but ${basename(file)}.cdxj lacks it`);
  if (b.length !== a.size) err(`cdxj: ${a.size} lines, warcio indexes ${b.length}`);
}

async function main() {
  const args = process.argv.slice(2);
  const opts = { cdxj: true };
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--expect-records") opts.expectRecords = Number(args[++i]);
    else if (args[i] === "--no-cdxj") opts.cdxj = false;
    else if (args[i] === "--allow-external-refs") opts.allowExternalRefs = true;
    else if (args[i].startsWith("--")) { console.error(`unknown flag ${args[i]}`); process.exit(2); }
    else files.push(args[i]);
  }
  if (!files.length) {
    console.error("usage: validate.mjs [--expect-records N] [--no-cdxj] FILE.warc.gz...");
    process.exit(2);
  }
  const results = [];
  const all = { records: new Map(), refers: [] };
  for (const f of files) results.push(await checkFile(f, opts, all));
  const records = results.reduce((n, r) => n + r.records, 0);
  const problems = [];
  for (const r of all.refers) {
    const o = all.records.get(r.to);
    if (!o) {
      if (!opts.allowExternalRefs) problems.push(`${r.where}: WARC-Refers-To ${r.to} names no record in the files given`);
    } else if (o.type !== "response" || o.uri !== r.uri || o.date !== r.date) {
      problems.push(`${r.where}: refers to ${r.uri} at ${r.date}, but ${r.to} is a ${o.type} of ${o.uri} at ${o.date}`);
    }
  }
  if (opts.expectRecords !== undefined && records !== opts.expectRecords) {
    problems.push(`found ${records} records in all files, expected ${opts.expectRecords}`);
  }
  const ok = problems.length === 0 && results.every((r) => r.errors.length === 0);
  const summary = { ok, files: results.length, records, problems, results };
  console.log(JSON.stringify(summary, null, 2));
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
