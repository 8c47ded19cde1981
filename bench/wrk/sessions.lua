-- wrk script of the benchmarks: every request carries one of the session cookies read from a
-- file (one "SESSION=..." line each, logged-in sessions), taken in turn; responses are counted
-- by status class, and done() prints one RESULT line that bench/lib.sh parses.
--
--   wrk -t2 -c16 -d20s -s bench/wrk/sessions.lua http://127.0.0.1:8080 -- cookies.txt /bench/counter
--
-- "lost" counts lost logins: a redirect to /login (3xx, what a browser gets) or a 401 (what a
-- client without Accept: text/html gets, wrk included). wrk itself counts a 3xx as a success.

local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("thread_index", #threads)
end

function init(args)
	cookies = {}
	for line in io.lines(args[1]) do
		if #line > 0 then
			table.insert(cookies, line)
		end
	end
	path = args[2] or "/bench/counter"
	-- Threads start at different cookies, so that they rarely send the same session at once.
	next_cookie = ((thread_index or 1) - 1) * 7 % #cookies
	s2xx, s3xx, s4xx, s5xx, lost = 0, 0, 0, 0, 0
end

function request()
	next_cookie = next_cookie % #cookies + 1
	return wrk.format("GET", path, { ["Cookie"] = cookies[next_cookie] })
end

function response(status, headers, body)
	if status == 401 or (status >= 300 and status < 400) then
		lost = lost + 1
	end
	if status < 300 then
		s2xx = s2xx + 1
	elseif status < 400 then
		s3xx = s3xx + 1
	elseif status < 500 then
		s4xx = s4xx + 1
	else
		s5xx = s5xx + 1
	end
end

function done(summary, latency, requests)
	local counts = { s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, lost = 0 }
	for _, thread in ipairs(threads) do
		for name, _ in pairs(counts) do
			counts[name] = counts[name] + (thread:get(name) or 0)
		end
	end
	local seconds = summary.duration / 1e6
	local errors = summary.errors
	io.write(string.format(
		"RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f "
			.. "s2xx=%d s3xx=%d s4xx=%d s5xx=%d lost=%d connect=%d read=%d write=%d timeout=%d\n",
		summary.requests, seconds, summary.requests / seconds,
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
		latency.max / 1000, latency.mean / 1000,
		counts.s2xx, counts.s3xx, counts.s4xx, counts.s5xx, counts.lost,
		errors.connect, errors.read, errors.write, errors.timeout))
end
