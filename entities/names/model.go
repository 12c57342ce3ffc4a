package names

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// BIO tags: outside a name, its first word, a later word. tagStart stands before the first word.
const (
	tagO uint8 = iota
	tagB
	tagI
	nTags
	tagStart = nTags
)

// logBuckets sizes the weight table: 2^18 feature buckets of nTags weights (3 MB of float32); a
// smaller table is read from faster caches, and tagging's cost is mostly reading it.
const logBuckets = 18

// modelMagic starts a model file; the byte after it is logBuckets.
const modelMagic = "NMS2"

//go:embed data/model.bin.gz
var modelGz []byte

// Model holds the perceptron's weights, nTags per feature bucket, and the least scores at which a name
// is taken: minDeva for a Devanagari name, minLatin for a Latin one no lexicon or cue supports. Training
// sets them on a validation fold (Calibrate).
type Model struct {
	w                 []float32
	mask              uint32
	minDeva, minLatin float32
}

func newModel() *Model {
	return &Model{w: make([]float32, (1<<logBuckets)*int(nTags)), mask: 1<<logBuckets - 1}
}

// score adds the weights of features fs for every tag into out.
func (m *Model) score(fs []uint32, out *[nTags]float32) {
	for _, f := range fs {
		b := int(f&m.mask) * int(nTags)
		w := m.w[b : b+int(nTags) : b+int(nTags)]
		out[0] += w[0]
		out[1] += w[1]
		out[2] += w[2]
	}
}

// LoadModel reads the embedded model.
func LoadModel() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(modelGz))
	if err != nil {
		return nil, fmt.Errorf("names: embedded data/model.bin.gz: %w", err)
	}
	return m, nil
}

// ReadModel reads a gzipped model file as WriteModel writes it: the magic, logBuckets, minDeva and
// minLatin as float32, the number of weights kept, then each as a little-endian uint32 index and float32
// value.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var hdr [len(modelMagic) + 1 + 12]byte
	if _, err := io.ReadFull(zr, hdr[:]); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if string(hdr[:len(modelMagic)]) != modelMagic || hdr[len(modelMagic)] != logBuckets {
		return nil, errors.New("not a name model of this version")
	}
	m := newModel()
	rest := hdr[len(modelMagic)+1:]
	m.minDeva = math.Float32frombits(binary.LittleEndian.Uint32(rest))
	m.minLatin = math.Float32frombits(binary.LittleEndian.Uint32(rest[4:]))
	n := binary.LittleEndian.Uint32(rest[8:])
	var rec [8]byte
	for i := uint32(0); i < n; i++ {
		if _, err := io.ReadFull(zr, rec[:]); err != nil {
			return nil, fmt.Errorf("weight %d of %d: %w", i, n, err)
		}
		idx := binary.LittleEndian.Uint32(rec[:4])
		if int(idx) >= len(m.w) {
			return nil, fmt.Errorf("weight %d: index %d out of range", i, idx)
		}
		m.w[idx] = math.Float32frombits(binary.LittleEndian.Uint32(rec[4:]))
	}
	return m, nil
}

// WriteModel writes m gzipped, leaving out zero weights and those whose magnitude is below prune.
func WriteModel(w io.Writer, m *Model, prune float32) (kept int, err error) {
	var buf []byte
	for i, v := range m.w {
		if v != 0 && (v >= prune || v <= -prune) {
			buf = binary.LittleEndian.AppendUint32(buf, uint32(i))
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
			kept++
		}
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	hdr := append([]byte(modelMagic), logBuckets)
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(m.minDeva))
	hdr = binary.LittleEndian.AppendUint32(hdr, math.Float32bits(m.minLatin))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(kept))
	if _, err := zw.Write(hdr); err != nil {
		return 0, err
	}
	if _, err := zw.Write(buf); err != nil {
		return 0, err
	}
	return kept, zw.Close()
}

// SetThresholds sets the least scores at which the model takes a Devanagari name and an unsupported
// Latin one.
func (m *Model) SetThresholds(deva, latin float32) { m.minDeva, m.minLatin = deva, latin }
