#!/bin/sh
# A small class for the screen tests' trainer dashboard and exercise screen: an exercise of
# the classroom tests' two scenarios and three trainees' results, played headless with
# `chatdrill exercise` (virtual time, fixed start), into OUT/results.
# usage: make_class.sh CHATDRILL OUT
set -eu
app="$1" out="$2"
data="$(cd "$(dirname "$0")/../../classroom/data" && pwd)"
rm -rf "$out"
mkdir -p "$out/scenarios"
cp "$data/order-status-fi.json" "$data/gift-card-fi.json" "$out/scenarios/"
cat > "$out/ex.json" <<JSON
{"format": "chatdrill.exercise/1", "id": "screens-class", "title": "Asiakaspalvelun perusteet: kaksi asiakasta",
 "instructions": "Palvelet kahta asiakasta chatissa, yksi kerrallaan. Jokaiseen keskusteluun on aikaa viisi minuuttia; laskuri näkyy koko ajan. Tervehdi, kysy tarkentavia kysymyksiä ja pidä asiakas ajan tasalla.",
 "scenarios": ["scenarios/order-status-fi.json", "scenarios/gift-card-fi.json"],
 "order": "fixed", "time_limit": 300, "feedback": "at_end", "results": "results"}
JSON
reply() { mkdir -p "$out/replies/$1"; printf '%s\n' "$3" > "$out/replies/$1/$2.jsonl"; }
reply aino order-status-fi '{"at": 8, "text": "Hei Aino! Kiitos viestistä. Tarkistan tilauksen tilanteen heti, hetkinen."}
{"at": 30, "text": "Tilaus on matkalla ja perillä huomenna. Voinko auttaa vielä jossain muussa?"}'
reply aino gift-card-fi '{"at": 6, "text": "Hei! Kyllä, myymme lahjakortteja verkkokaupassa ja myymälöissä."}'
reply ville order-status-fi '{"at": 40, "text": "Hetki."}
{"at": 95, "text": "Se tulee joskus."}'
reply mikko gift-card-fi '{"at": 12, "text": "Hei, kiitos kysymyksestä! Kyllä myymme, minkä arvoisen kortin haluaisitte?"}'
for t in "Aino Äijälä:aino" "Ville Virtanen:ville" "Mikko Määttä:mikko"; do
  "$app" exercise "$out/ex.json" --trainee "${t%%:*}" --replies-dir "$out/replies/${t##*:}" \
    --now 2026-12-01T09:00:00Z > "$out/${t##*:}.out" 2>&1
done
ls "$out/results/"*.json > /dev/null
