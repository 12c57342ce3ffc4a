// Package names finds person names in running text, in Hindi (Devanagari), romanized Hindi and English,
// so that the people facet can name people no gazetteer lists.
//
// It is a BIO tagger (begin, inside, outside a person's name), decoded by Viterbi and scored by an
// averaged structured perceptron over hashed features (features.go): the folded word and its neighbours two either side,
// prefixes and suffixes, word shape and Latin capitalisation, cue words (titles and roles such as श्री,
// Mr, मंत्री; honorifics after a name such as जी, ji; verbs of saying such as कहा, said), and membership of
// the word in first-name and surname lexicons in both scripts. Weights live in one flat []float32 table
// indexed by feature hash, so tagging a sentence allocates nothing.
//
// The embedded model (data/model.bin) was trained by cmd/trainnames (`make train-names`) on the four
// fifths of the HiNER development set (../shared/eval/hiner/dev.jsonl; Murthy et al., "HiNER: A large
// Hindi Named Entity Recognition Dataset", LREC 2022; CC BY-SA 4.0) whose sentence ids hash (FNV-1a,
// mod 5) to non-zero; the other fifth is held out for evaluation. Each sentence is seen twice: as written,
// and romanized with translit.Plain with names and places capitalised, so that the model also reads
// romanized Hindi. The model is therefore a work derived from HiNER and is shared under CC BY-SA 4.0 with
// this attribution. No romanized (Hinglish) NER data was trained on.
package names
