package query

// Help explains the query language to users: shown behind the search page's
// "?" and quoted in the README. Every example is checked by help_test.go.
const Help = `Search tips — type in English, Hindi (Devanagari) or romanized Hindi; each word also finds its translation.

  words        modi lockdown            articles with all the words (मोदी लॉकडाउन works the same)
  "phrase"     "राहुल गांधी"               the words together, in this order
  -word        मोदी -भाजपा                leave out articles with a word, "-phrase" or -(group)
  OR  or  |    lockdown OR curfew       either word; OR must be in capitals
  ( )          (bjp OR भाजपा) -congress   group words
  +word        +istifa rahul gandhi     must appear, even when a long search is loosened to most words

OR binds tighter than the space: modi lockdown OR curfew means modi and (lockdown or curfew).
"राहुल गांधी" OR सोनिया finds either name. A - inside a word (covid-19) is part of the word.
To search for the word OR itself, put it in quotes: "OR".`
