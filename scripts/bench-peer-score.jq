# SPDX-License-Identifier: MIT
# The jq peer for make bench: birddog's scorecard in jq ($card from --slurpfile).
def clamp: if . < 0 then 0 elif . > 1 then 1 else . end;
def pts($r; $v):
  if $r.equals != null then (if ($v | type) == "string" then (if $v == $r.equals then $r.points else 0 end) else null end)
  elif ($v | type) == "number" or ($v | type) == "boolean" then
    ((if ($v | type) == "boolean" then (if $v then 1 else 0 end) else $v end) as $x
     | $r.points * ((($x - $r.from) / ($r.to - $r.from)) | clamp))
  else null end;
. as $rec
| [ $card[0].rules[] as $r
    | ($rec | getpath($r.feature | split("."))) as $v
    | pts($r; $v) as $p
    | select($p != null)
    | {feature: $r.feature, value: $v, tenths: ($p * 10 | round), why: $r.why} ] as $items
| ($card[0].base * 10 + ([$items[].tenths] | add // 0)) as $t
| ($items | map(select(.tenths != 0) | {feature, value, points: (.tenths / 10), why})) as $reasons
| . + {score: {value: ([0, ([$t, 1000] | min)] | max | . / 10 | round), model: $card[0].model,
               reasons: ($reasons | sort_by(-(.points | fabs)))}}
