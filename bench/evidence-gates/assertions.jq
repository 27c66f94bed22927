# The same five assertions as rungates.yml, per file; prints one line per failing file and gate.
inputs
| input_filename as $f
| [
    (if .status == "PASS" then empty else "status-pass" end),
    (if (.git_sha | type) == "string" and (.git_sha | test("^[0-9a-f]{40}$")) then empty else "signed" end),
    (if has("reviewer") and .reviewer != .author then empty else "reviewed" end),
    (if (.metrics.latency_ms | type) == "number" and .metrics.latency_ms <= 250 then empty else "latency" end),
    (if all(.risks[]; .code != "BLOCK" and .code != "HALT") then empty else "no-blocking-risk" end)
  ]
| .[]
| "\($f): \(.)"
