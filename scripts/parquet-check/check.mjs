// Reads govcorpus Parquet exports with two readers that share no code with
// the writer: hyparquet, with no compression plugins (so a file it opens
// opens anywhere), and DuckDB. Every file must open in both, the two must
// agree on every row, and the typed columns must have their types. Rows
// are printed as JSON lines for the caller to compare with the database.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let expectRows = -1;
const files = [];
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--expect-rows') expectRows = Number(args[++i]);
	else files.push(args[i]);
}
if (files.length === 0) {
	console.error('usage: check.mjs [--expect-rows N] FILE.parquet...');
	process.exit(1);
}

// The DuckDB types each column must read as.
const wantTypes = {
	id: 'BIGINT', url: 'VARCHAR', site: 'VARCHAR', title: 'VARCHAR',
	published: 'TIMESTAMP WITH TIME ZONE', published_date: 'DATE', published_precision: 'VARCHAR',
	published_raw: 'VARCHAR', text: 'VARCHAR', lang: 'VARCHAR', words: 'INTEGER', sha256: 'VARCHAR',
	fetched_at: 'TIMESTAMP WITH TIME ZONE', dup_cluster: 'BIGINT', gone: 'BOOLEAN',
};

// canon turns a row into plain JSON both readers can be compared on:
// ids as strings, timestamps as epoch milliseconds, dates as YYYY-MM-DD.
function canonHyparquet(r) {
	const ms = (d) => (d == null ? null : d.getTime());
	return {
		id: String(r.id), url: r.url, site: r.site, title: r.title,
		published: ms(r.published), published_date: r.published_date == null ? null : r.published_date.toISOString().slice(0, 10),
		published_precision: r.published_precision, published_raw: r.published_raw, text: r.text, lang: r.lang,
		words: Number(r.words), sha256: r.sha256, fetched_at: ms(r.fetched_at),
		dup_cluster: r.dup_cluster == null ? null : String(r.dup_cluster), gone: r.gone,
	};
}

const duck = await (await DuckDBInstance.create(':memory:')).connect();
let failed = false;
const fail = (msg) => { console.error(`parquet-check: ${msg}`); failed = true; };
let total = 0;
for (const f of files) {
	const file = await asyncBufferFromFile(f);
	await parquetMetadataAsync(file);
	const hy = (await parquetReadObjects({ file })).map(canonHyparquet);
	const lit = `'${f.replaceAll("'", "''")}'`;
	const types = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit})`)).getRowObjectsJson();
	for (const t of types) {
		if (wantTypes[t.column_name] && wantTypes[t.column_name] !== t.column_type) {
			fail(`${f}: DuckDB reads ${t.column_name} as ${t.column_type}, want ${wantTypes[t.column_name]}`);
		}
	}
	const dk = (await duck.runAndReadAll(`SELECT CAST(id AS VARCHAR) AS id, url, site, title,
		epoch_ms(published) AS published, CAST(published_date AS VARCHAR) AS published_date,
		published_precision, published_raw, text, lang, words, sha256, epoch_ms(fetched_at) AS fetched_at,
		CAST(dup_cluster AS VARCHAR) AS dup_cluster, gone
		FROM read_parquet(${lit}) ORDER BY id`)).getRowObjectsJson();
	if (dk.length !== hy.length) fail(`${f}: hyparquet reads ${hy.length} rows, DuckDB ${dk.length}`);
	const byId = new Map(hy.map((r) => [r.id, r]));
	for (const d of dk) {
		const h = byId.get(d.id);
		for (const k of Object.keys(wantTypes)) {
			const dv = d[k] == null ? null : (k === 'words' || k === 'published' || k === 'fetched_at' ? Number(d[k]) : d[k]);
			if (!h || h[k] !== dv) {
				fail(`${f}: row ${d.id} ${k}: hyparquet ${JSON.stringify(h && h[k])}, DuckDB ${JSON.stringify(dv)}`);
				break;
			}
		}
	}
	for (const r of hy) process.stdout.write(JSON.stringify({ file: f, ...r }) + '\n');
	total += hy.length;
}
if (expectRows >= 0 && total !== expectRows) fail(`${total} rows in all, want ${expectRows}`);
console.error(`parquet-check: ${files.length} file(s), ${total} rows read alike by hyparquet and DuckDB`);
process.exit(failed ? 1 : 0);
