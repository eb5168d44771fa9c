package redisfrontier

import "github.com/redis/go-redis/v9"

// The scripts take the key prefix as ARGV[1] and build their keys from it:
//
//	seen        set of every URL ever queued
//	hosts       set of every host with a queue
//	q:HOST      list of the host's queued links (JSON: u, h, d)
//	leased      sorted set: leased URL -> expiry (server ms)
//	ldata       hash: leased URL -> its link
//	lowner      hash: leased URL -> worker name
//	nleased     hash: host -> URLs leased
//	ndone       hash: host -> URLs done
//	slots:HOST  sorted set: slot -> server ms it is free from
//	claim:HOST  the worker crawling the host, expiring with the lease
//	run, seeds  the run's id and its seeds
//
// Times are the server's: now_ms reads TIME, so no worker's clock matters.
const common = `
local function now_ms()
	local t = redis.call('TIME')
	return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function unlease(p, u)
	local v = redis.call('HGET', p..'ldata', u)
	redis.call('ZREM', p..'leased', u)
	redis.call('HDEL', p..'ldata', u)
	redis.call('HDEL', p..'lowner', u)
	if v then
		redis.call('HINCRBY', p..'nleased', cjson.decode(v).h, -1)
	end
	return v
end
local function requeue_expired(p, now)
	local exp = redis.call('ZRANGEBYSCORE', p..'leased', '-inf', now)
	for _, u in ipairs(exp) do
		local v = unlease(p, u)
		if v then
			redis.call('LPUSH', p..'q:'..cjson.decode(v).h, v)
		end
	end
	return #exp
end
local function enqueue(p, from)
	local n = 0
	for i = from, #ARGV, 3 do
		local u, h, v = ARGV[i], ARGV[i+1], ARGV[i+2]
		if redis.call('SADD', p..'seen', u) == 1 then
			redis.call('RPUSH', p..'q:'..h, v)
			redis.call('SADD', p..'hosts', h)
			n = n + 1
		end
	end
	return n
end
`

// enqueueScript: p, then (url, host, link) triples; returns how many were new.
var enqueueScript = redis.NewScript(common + `
return enqueue(ARGV[1], 2)
`)

// leaseScript: p, host, n, lease ms, worker; returns the links leased.
var leaseScript = redis.NewScript(common + `
local p, h, n, ttl, w = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local now = now_ms()
requeue_expired(p, now)
local out = {}
for i = 1, n do
	local v = redis.call('LPOP', p..'q:'..h)
	if not v then break end
	local u = cjson.decode(v).u
	redis.call('ZADD', p..'leased', now + ttl, u)
	redis.call('HSET', p..'ldata', u, v)
	redis.call('HSET', p..'lowner', u, w)
	redis.call('HINCRBY', p..'nleased', h, 1)
	out[#out+1] = v
end
local ck = p..'claim:'..h
if #out > 0 then
	redis.call('SET', ck, w, 'PX', ttl)
elseif redis.call('GET', ck) == w then
	redis.call('DEL', ck)
end
return out
`)

// releaseScript: p, worker, URLs; requeues those the worker holds, at the
// front of their queues.
var releaseScript = redis.NewScript(common + `
local p, w = ARGV[1], ARGV[2]
local n = 0
for i = 3, #ARGV do
	local u = ARGV[i]
	if redis.call('HGET', p..'lowner', u) == w then
		local v = unlease(p, u)
		redis.call('LPUSH', p..'q:'..cjson.decode(v).h, v)
		n = n + 1
	end
end
return n
`)

// completeScript: p, worker, url, host, then link triples: the URL is done
// and its links are queued, at once.
var completeScript = redis.NewScript(common + `
local p, w, u, h = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call('HGET', p..'lowner', u) == w then
	unlease(p, u)
end
redis.call('SADD', p..'seen', u)
redis.call('SADD', p..'hosts', h)
redis.call('HINCRBY', p..'ndone', h, 1)
return enqueue(p, 5)
`)

// hostsScript: p, worker; returns host, queued, leased, done for every
// host, once expired leases are back in their queues. A host another
// worker claims shows nothing queued: it is that worker's to crawl.
var hostsScript = redis.NewScript(common + `
local p, w = ARGV[1], ARGV[2]
requeue_expired(p, now_ms())
local out = {}
for _, h in ipairs(redis.call('SMEMBERS', p..'hosts')) do
	out[#out+1] = h
	local c = redis.call('GET', p..'claim:'..h)
	if c and c ~= w then
		out[#out+1] = 0
	else
		out[#out+1] = redis.call('LLEN', p..'q:'..h)
	end
	out[#out+1] = tonumber(redis.call('HGET', p..'nleased', h) or '0')
	out[#out+1] = tonumber(redis.call('HGET', p..'ndone', h) or '0')
end
return out
`)

// expireScript: p; requeues expired leases and returns how many.
var expireScript = redis.NewScript(common + `
return requeue_expired(ARGV[1], now_ms())
`)

// renewScript: p, worker, lease ms, URLs; pushes back the expiry of the
// leases the worker still holds.
var renewScript = redis.NewScript(common + `
local p, w, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
local now = now_ms()
local n = 0
for i = 4, #ARGV do
	if redis.call('HGET', p..'lowner', ARGV[i]) == w then
		redis.call('ZADD', p..'leased', 'XX', now + ttl, ARGV[i])
		n = n + 1
	end
end
return n
`)

// claimScript: p, worker, lease ms, hosts; renews the worker's claims.
var claimScript = redis.NewScript(`
local p, w, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
for i = 4, #ARGV do
	local k = p..'claim:'..ARGV[i]
	if redis.call('GET', k) == w then
		redis.call('PEXPIRE', k, ttl)
	end
end
return 1
`)

// acquireScript: p, host, parallel, hold ms. Takes the host's slot free
// earliest if its time has come: returns {slot, 0}; else {0, ms to wait}.
var acquireScript = redis.NewScript(common + `
local p, h, par, hold = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local k = p..'slots:'..h
for i = 1, par do
	redis.call('ZADD', k, 'NX', 0, tostring(i))
end
local now = now_ms()
local s = redis.call('ZRANGE', k, 0, 0, 'WITHSCORES')
local free = tonumber(s[2])
if free > now then
	return {0, free - now}
end
redis.call('ZADD', k, now + hold, s[1])
return {tonumber(s[1]), 0}
`)

// restScript: p, host, slot, delay ms; the slot is free again delay after now.
var restScript = redis.NewScript(common + `
local p, h, slot, delay = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
redis.call('ZADD', p..'slots:'..h, 'XX', now_ms() + delay, slot)
return 1
`)

// runScript: p, worker, seeds; the first worker of a run names it after
// the server's time. Returns {id, 1 if this call started it}.
var runScript = redis.NewScript(`
local p = ARGV[1]
local t = redis.call('TIME')
local id = 'run-' .. t[1] .. '-' .. ARGV[2]
local started = 0
if redis.call('SET', p..'run', id, 'NX') then
	started = 1
end
for i = 3, #ARGV do
	redis.call('SADD', p..'seeds', ARGV[i])
end
return {redis.call('GET', p..'run'), started}
`)
