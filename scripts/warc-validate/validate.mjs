#!/usr/bin/env node
// Independent check of govcorpus WARC files, built on warcio.js (the parser
// ReplayWeb.page uses), so that our Go writer is not graded by its own code.
//
// Usage: node validate.mjs [--expect-records N (total over all files)] [--no-cdxj] FILE.warc.gz...
//
// For each file it checks that:
//   - warcio.js parses every record, and WARC-Type, WARC-Record-ID,
//     WARC-Date and Content-Length are present; the first record is warcinfo;
//   - every record is its own gzip member: members are contiguous, cover the
//     file exactly, and each inflates alone to exactly one record. A
//     whole-file gzip passes some validators with a single record, so this
//     is checked on the raw bytes;
//   - WARC-Block-Digest and WARC-Payload-Digest (sha1, base32) match the
//     bytes; revisits carry profile, refers-to URI and date;
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

async function checkFile(file, opts) {
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
        for (const name of ["WARC-Profile", "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date", "WARC-Payload-Digest"]) {
          if (!h.headers.get(name)) err(`${where}: revisit without ${name}`);
        }
      } else if ((type === "response" || type === "request") && ct.startsWith("application/http")) {
        const sep = indexOfCRLFCRLF(block);
        if (sep < 0) {
          err(`${where}: HTTP head not terminated`);
        } else if (type === "response" && !pd) {
          err(`${where}: response without WARC-Payload-Digest`);
        } else if (pd) {
          const payload = block.subarray(sep + 4);
          if (normDigest(pd) !== normDigest(sha1(payload))) {
            err(`${where}: WARC-Payload-Digest ${pd} != computed ${sha1(payload)}`);
          }
          const head = Buffer.from(block.subarray(0, sep)).toString("latin1");
          if (/\r\ntransfer-encoding:/i.test(head)) {
            err(`${where}: stored HTTP head still has Transfer-Encoding (body must be de-chunked, header renamed)`);
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
    else if (args[i].startsWith("--")) { console.error(`unknown flag ${args[i]}`); process.exit(2); }
    else files.push(args[i]);
  }
  if (!files.length) {
    console.error("usage: validate.mjs [--expect-records N] [--no-cdxj] FILE.warc.gz...");
    process.exit(2);
  }
  const results = [];
  for (const f of files) results.push(await checkFile(f, opts));
  const records = results.reduce((n, r) => n + r.records, 0);
  const problems = [];
  if (opts.expectRecords !== undefined && records !== opts.expectRecords) {
    problems.push(`found ${records} records in all files, expected ${opts.expectRecords}`);
  }
  const ok = problems.length === 0 && results.every((r) => r.errors.length === 0);
  const summary = { ok, files: results.length, records, problems, results };
  console.log(JSON.stringify(summary, null, 2));
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(1); });
