-- wrk script: POSTs a chat completion body and prints one JSON result line at the end.
--   WRK_BODY     file holding the request body (required)
--   WRK_HEADERS  extra headers, one "Name: value" per line (optional)
--   WRK_LABEL    JSON object fields to copy into the result line, e.g. "scenario":"peak","target":"x"
local function read_file(path)
  local file = assert(io.open(path, "rb"), "cannot open WRK_BODY " .. tostring(path))
  local text = file:read("*a")
  file:close()
  return text
end

wrk.method = "POST"
wrk.body = read_file(os.getenv("WRK_BODY"))
wrk.headers["Content-Type"] = "application/json"
for line in (os.getenv("WRK_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^%s*([^:]+):%s*(.-)%s*$")
  if name then
    wrk.headers[name] = value
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'RESULT {%s"tool":"wrk","requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,'
      .. '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"non2xx":%d,'
      .. '"lat_p50_ms":%.3f,"lat_p99_ms":%.3f,"lat_max_ms":%.3f}\n',
    (os.getenv("WRK_LABEL") or "") ~= "" and (os.getenv("WRK_LABEL") .. ",") or "",
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
