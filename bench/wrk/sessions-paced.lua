-- bench/wrk/sessions.lua, with each connection pausing before each request: the load a number of
-- users who think between clicks put on the application, below what it can serve. Two
-- configurations under the same paced load serve the same requests a second, so what they cost
-- shows in their CPU per request, not in their throughput. bench/lib.sh uses it when PACE_MS is
-- set.
--
--   wrk -t2 -c16 -d20s -s bench/wrk/sessions-paced.lua http://127.0.0.1:8080 -- cookies.txt /bench/counter 5
--
-- The third argument is the pause in milliseconds.

dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "sessions.lua")

local sessions_init = init

function init(args)
	sessions_init(args)
	pause = tonumber(args[3]) or 0
end

function delay()
	return pause
end
