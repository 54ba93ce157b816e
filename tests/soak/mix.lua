-- mix: wrk script for the soak test: seven reads and three writes in turn, as the buyer's contract manager,
-- counting answers by class per thread and writing the totals out at the end.
local token = os.getenv("SOAK_TOKEN")
local eng = os.getenv("SOAK_ENG")
local write_eng = os.getenv("SOAK_WRITE_ENG")
local review = os.getenv("SOAK_REVIEW")
local owner = os.getenv("SOAK_OWNER")
local actions = {}
for id in string.gmatch(os.getenv("SOAK_ACTIONS") or "", "%d+") do actions[#actions + 1] = id end
-- The reviews new actions go to, one engagement each, in turn.
local reviews = {}
for id in string.gmatch(os.getenv("SOAK_REVIEWS") or review, "%d+") do reviews[#reviews + 1] = id end

local threads = {}
function setup(thread)
	thread:set("id", #threads + 1)
	threads[#threads + 1] = thread
end

local n = 0
function init(args)
	s2xx, s3xx, s4xx, s5xx, other = 0, 0, 0, 0, 0
end

local auth = { ["Authorization"] = "Bearer " .. token }
local json = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

function request()
	n = n + 1
	local k = n % 10
	if k == 0 then return wrk.format("GET", "/api/v1/engagements/" .. eng, auth)
	elseif k == 1 then return wrk.format("GET", "/api/v1/engagements?limit=50", auth)
	elseif k == 2 then return wrk.format("GET", "/api/v1/engagements/" .. eng .. "/trust", auth)
	elseif k == 3 then return wrk.format("POST", "/api/v1/reviews/" .. reviews[math.floor(n / 10) % #reviews + 1] .. "/actions", json,
		'{"title":"Soak follow-up ' .. id .. '-' .. n .. '","owner_id":' .. owner .. ',"due_on":"2027-01-31"}')
	elseif k == 4 then return wrk.format("GET", "/portfolio", auth)
	elseif k == 5 then return wrk.format("GET", "/api/v1/practices?q=release%20trains", auth)
	elseif k == 6 then return wrk.format("PATCH", "/api/v1/actions/" .. actions[math.floor(n / 10) % #actions + 1], json,
		'{"title":"Soak edit ' .. id .. '-' .. n .. '"}')
	elseif k == 7 then return wrk.format("GET", "/api/v1/engagements/" .. write_eng .. "/reviews", auth)
	elseif k == 8 then return wrk.format("PATCH", "/api/v1/reviews/" .. review, json,
		'{"agenda":"Soak agenda ' .. id .. '-' .. n .. '"}')
	else return wrk.format("GET", "/api/v1/engagements/" .. eng .. "/surveys", auth)
	end
end

function response(status, headers, body)
	if status >= 500 then s5xx = s5xx + 1
	elseif status >= 400 then s4xx = s4xx + 1
	elseif status >= 300 then s3xx = s3xx + 1
	elseif status >= 200 then s2xx = s2xx + 1
	else other = other + 1 end
end

function done(summary, latency, requests)
	local t = { s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, other = 0 }
	for _, th in ipairs(threads) do
		for k, _ in pairs(t) do t[k] = t[k] + (th:get(k) or 0) end
	end
	io.write(string.format("soak-statuses: 2xx=%d 3xx=%d 4xx=%d 5xx=%d other=%d\n", t.s2xx, t.s3xx, t.s4xx, t.s5xx, t.other))
	io.write(string.format("soak-errors: connect=%d read=%d write=%d timeout=%d status=%d\n",
		summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
	io.write(string.format("soak-latency-ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
	io.write(string.format("soak-requests: %d in %.1f s = %.0f/s\n", summary.requests, summary.duration / 1e6,
		summary.requests / (summary.duration / 1e6)))
end
