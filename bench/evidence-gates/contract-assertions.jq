# The assertions of contract.yml: inputs are limits.json, manifest.json, then every receipt. One line per failure.
def receipt($f; $limits):
  [ (if ([.risks[] | select(.code == "BLOCK" or .code == "HALT")] | length) <= 0 then empty else "no-blocking-risk-filter" end),
    (if (.metrics.latency_ms | type) == "number" and .metrics.latency_ms <= $limits.latency_ms then empty else "latency-limit" end) ]
  | .[] | "\($f): \(.)";
input as $limits
| input as $manifest
| reduce inputs as $r ({ok: {}, out: []};
    .out += [$r | receipt(input_filename; $limits)]
    | if $r.status == "PASS" then .ok[$r.receipt_id] = true else . end)
| . as $s
| ($s.out[]), ($manifest.receipts[] | select($s.ok[.] | not) | "manifest.json: \(.) is not covered")
