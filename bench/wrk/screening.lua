-- One-line screenings for wrk: POST /v1/screenings, each connection pausing `delay_ms`
-- between requests so that connections * 1000 / (delay_ms + latency) is the offered rate.
-- wrk -s bench/wrk/screening.lua ... -- <api key> <delay_ms>
local key, delay_ms = "bench-key-0123456789", 0
local counter = 0
local lines = {
  {"Rolex Submariner automatic watch", "9102.21"},
  {"Ceramic coffee mugs 350ml, white", "6912.00"},
  {"Running shoes, mesh, unbranded", "6404.11"},
  {"Paper napkins 33x33cm", "4818.30"},
}

function init(args)
  if args[1] then key = args[1] end
  if args[2] then delay_ms = tonumber(args[2]) end
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local line = lines[(counter % #lines) + 1]
  local body = string.format(
    '{"reference":"LOAD-%d","shipper":{"id":"SHP-%d","name":"Ningbo Hengtai Trading Co., Ltd.","country":"CN"},'
    .. '"consignee":{"id":"CNE-1","name":"Westfield Wholesale GmbH","country":"DE"},"destination_country":"DE",'
    .. '"channel":"sea_freight","departure_date":"2026-12-10","lines":[{"line_id":"1","description":"%s",'
    .. '"hs_code":"%s","quantity":200,"unit_value":12.5,"currency":"USD","packages":8}]}',
    counter, counter % 50, line[1], line[2])
  return wrk.format("POST", "/v1/screenings", {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
