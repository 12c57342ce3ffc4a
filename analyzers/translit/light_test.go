package translit

import "testing"

func TestWordLightKey(t *testing.T) {
	r := New()
	// Spellings of one word that must meet exactly (checked by hand).
	same := [][]string{
		{"istifa", "istifaa", "इस्तीफा", "istifah"},
		{"rahul", "राहुल"},
		{"gandhi", "गांधी"},
		{"kejriwal", "kejrival"},
		{"phool", "fool", "फूल"},
	}
	for _, group := range same {
		want := r.WordLightKey(group[0])
		for _, w := range group[1:] {
			if got := r.WordLightKey(w); got != want {
				t.Errorf("WordLightKey(%q) = %q, want %q as for %q", w, got, want, group[0])
			}
		}
	}
	// Words the loose key joins but the light key keeps apart.
	apart := [][2]string{{"scindia", "जिम्मेदारी"}, {"modi", "नीति"}, {"ram", "दम"}}
	for _, p := range apart {
		if r.WordKey(p[0]) != r.WordKey(p[1]) {
			t.Logf("%s and %s no longer share a loose key", p[0], p[1])
		}
		if r.WordLightKey(p[0]) == r.WordLightKey(p[1]) {
			t.Errorf("WordLightKey joins %q and %q (%q)", p[0], p[1], r.WordLightKey(p[0]))
		}
	}
}
