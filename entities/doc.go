// Package entities holds the bilingual gazetteer of people and parties, matches them in English and
// Hindi text, finds person names the gazetteer lacks, and extracts dates.
//
// Matching works on a normalized copy of the text (see normalize) with one Aho-Corasick automaton in
// leftmost-longest mode, so "Trinamool Congress" wins over "Congress" and "राष्ट्रवादी कांग्रेस" over
// "कांग्रेस". Offsets are mapped back to the original text so callers can highlight.
//
// The gazetteer is the curated data/people.tsv (English and Hindi) and the bulk data/people_prs.tsv (Lok
// Sabha members 2009–2024, English only; a row for someone the curated list has becomes their alias, and a
// two-word name ending in a filler surname such as Kumar or Singh is left out). A Hindi name found after a
// title meets an English-only person through NameKey.
//
// Rules that need judgement, and the choices made:
//   - A one-word alias is only in the gazetteer when it is distinctive (Mayawati, Kejriwal, मोदी); a bare
//     surname ("Gandhi", "गांधी", "Mr Azad") resolves to the one person with that surname named in full in
//     the same article, and to nothing when none or several were. First names alone ("Rahul") are not
//     resolved. A one-word match that sits inside a longer capitalized name ("Rajkumar Gupta") is skipped.
//   - Weak party aliases (marked "~" in data/parties.tsv: Hindi "आप", "SP", "CPI", "NC") count only in
//     party context: followed by a party word (पार्टी, नेता, विधायक, सरकार, संयोजक, प्रवक्ता, सांसद, leader,
//     MLA, chief ...), quoted ('आप'), or next to another party name ("SP-BSP", "भाजपा और आप").
//   - "Congress" preceded by US/American/U.S./अमेरिकी/people's/world/science, or followed by "of", is not
//     INC.
//   - Dates holds calendar days only: a month without a day ("July 2019") and a bare year ("in 2017")
//     are not days and are left out. Weekdays, "today"/"आज" and "yesterday" are resolved only against a
//     published date that was given or read from a dateline, never against one guessed from the latest
//     date mentioned; "कल" (yesterday or tomorrow) is skipped. A weekday names the latest such day on or
//     before the published day ("on Friday" in a Friday paper is that Friday), unless the article itself
//     dates a day of that name within a week ("14 अप्रैल यानी कल मंगलवार"), which then wins.
//   - People the gazetteer lacks are found by a statistical name tagger (package names, joined in
//     found.go): an averaged perceptron trained on Hindi news (HiNER) as written and romanized, with
//     first-name and surname lexicons, cue words and, for Latin script, rules (a known first name and
//     surname, an honorific after a name, a hashtag that spells a known name). What it proposes is dropped
//     when it holds a party's name, a place, an organisation or title word or a stopword, when it is a bare
//     surname (resolved against the article as above) or a lone first name; the rest become people as
//     those found after a title do.
//   - People the gazetteer lacks are found after a title or role word ("BJP MLA X Y", "father X Y",
//     "मंत्री राजेश टोपे") as 2–3 capitalized words in English; in Hindi, which has no capitals, as 2–3
//     words that start with a known first name or end in a known surname; and as a Devanagari name glossed
//     in Latin ("राहुल गांधी (Rahul Gandhi)"). Their ids are "x-" plus NameKey, the name's consonant
//     skeleton word by word ("x-lv-agrvl"), never the spelling an article happened to use: Lav Agarwal,
//     Lav Aggarwal and लव अग्रवाल are one person, in one article or across many, indexed alone or in a batch.
package entities
