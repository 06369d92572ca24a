-- wrk script: request the paths listed in a file (one per line) in turn, so that a
-- page group is measured over many pages rather than one, as a load balancer would
-- pass them on (X-Forwarded-Proto: https). At the end, print the figures as JSON.
--   wrk -s benchmarks/rotate.lua http://127.0.0.1:8000 -- paths.txt

local paths = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], { ["X-Forwarded-Proto"] = "https" })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max
  ))
end
