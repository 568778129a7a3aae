package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
)

// The pack format. A pack is a header line, entries one after the other, their index and a
// footer:
//
//	sitegen-highlight 4 pack\n
//	<entries, as appendEntryHeader and the payload make them>
//	<index: per entry its key (32 bytes), its offset (8) and its length (4), big-endian>
//	<footer: the index's offset (8), the number of entries (8), the SHA-256 of the index (32), packMagic>
//
// An entry is one header line, then the payload (what the Cache keeps: the block's classes,
// space-separated, a newline, its HTML):
//
//	sitegen-highlight 4 <key> <SHA-256 of the payload> <payload length>\n
//	<payload>
//
// The index only says where to look: an entry is served only if its own header names the key
// asked for and its payload matches its checksum. A pack that does not read as one (foreign,
// truncated, its index changed) is ignored.
const (
	packSuffix   = ".pack"
	tmpPrefix    = ".tmp-" // starts the name of a pack being written
	packMagic    = "SGHPACK\n"
	idxEntrySize = 32 + 8 + 4
	footerSize   = 8 + 8 + sha256.Size + 8 // the last 8: packMagic
	maxEntrySize = 64 << 20
)

// packHeader starts every pack: a pack of another format is never read.
var packHeader = []byte(cacheFormat + " pack\n")

// minEntrySize is the size of the smallest entry, one with an empty payload: what bounds the
// number of entries a pack of a given size can hold.
var minEntrySize = int64(len(appendEntryHeader(nil, [32]byte{}, nil)))

// idxEntry says where a pack holds the entry of a key.
type idxEntry struct {
	key [32]byte
	off int64
	n   uint32
}

// appendEntryHeader appends to dst the header line of the entry of key k holding payload.
func appendEntryHeader(dst []byte, k [32]byte, payload []byte) []byte {
	sum := sha256.Sum256(payload)
	return fmt.Appendf(dst, "%s %x %x %d\n", cacheFormat, k, sum, len(payload))
}

// decodeEntry returns the payload of an entry, or false if data is not the entry of key k
// exactly as appendEntryHeader and its payload make it (its header is made again from the
// payload read and compared, byte for byte).
func decodeEntry(k [32]byte, data []byte) ([]byte, bool) {
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return nil, false
	}
	header, payload := data[:i+1], data[i+1:]
	var want [256]byte
	return payload, bytes.Equal(header, appendEntryHeader(want[:0], k, payload))
}

// packTail returns the index of a pack's entries, starting at offset off, and its footer.
func packTail(idx []idxEntry, off int64) []byte {
	out := make([]byte, 0, len(idx)*idxEntrySize+footerSize)
	for _, e := range idx {
		out = append(out, e.key[:]...)
		out = binary.BigEndian.AppendUint64(out, uint64(e.off))
		out = binary.BigEndian.AppendUint32(out, e.n)
	}
	sum := sha256.Sum256(out)
	out = binary.BigEndian.AppendUint64(out, uint64(off))
	out = binary.BigEndian.AppendUint64(out, uint64(len(idx)))
	out = append(out, sum[:]...)
	return append(out, packMagic...)
}

// readFooter returns the offset of a pack's index and its number of entries, or false if the
// pack, of size bytes, does not end as one.
func readFooter(r io.ReaderAt, size int64) (off int64, count int64, ok bool) {
	if size < int64(len(packHeader)+footerSize) {
		return 0, 0, false
	}
	var foot [footerSize]byte
	if _, err := r.ReadAt(foot[:], size-footerSize); err != nil || string(foot[footerSize-len(packMagic):]) != packMagic {
		return 0, 0, false
	}
	u, n := binary.BigEndian.Uint64(foot[:8]), binary.BigEndian.Uint64(foot[8:16])
	end := uint64(size - footerSize)
	if u < uint64(len(packHeader)) || u > end || (end-u)%idxEntrySize != 0 || (end-u)/idxEntrySize != n {
		return 0, 0, false
	}
	return int64(u), int64(n), true
}

// readPackIndex returns the index of a pack of size bytes, or false if it is not a whole pack
// of this format with the index its footer vouches for. What the footer says is checked
// against size before anything is allocated: the index must fit between the entries and the
// footer, the entries it lists must fit before it (each at least minEntrySize bytes), and a
// pack larger than limit, the cache's bound, is not read at all. So what it allocates is a
// fraction of the smaller of size and limit, whatever the footer claims.
func readPackIndex(r io.ReaderAt, size, limit int64) ([]idxEntry, bool) {
	if size > limit {
		return nil, false
	}
	off, count, ok := readFooter(r, size)
	if !ok || count > (off-int64(len(packHeader)))/minEntrySize {
		return nil, false
	}
	var head [len(cacheFormat) + len(" pack\n")]byte
	if _, err := r.ReadAt(head[:], 0); err != nil || !bytes.Equal(head[:], packHeader) {
		return nil, false
	}
	raw := make([]byte, size-footerSize-off)
	if _, err := r.ReadAt(raw, off); err != nil {
		return nil, false
	}
	var sum [sha256.Size]byte
	if _, err := r.ReadAt(sum[:], size-footerSize+16); err != nil || sha256.Sum256(raw) != sum {
		return nil, false
	}
	idx := make([]idxEntry, count)
	for i := range idx {
		e := raw[i*idxEntrySize:]
		copy(idx[i].key[:], e)
		idx[i].off = int64(binary.BigEndian.Uint64(e[32:]))
		idx[i].n = binary.BigEndian.Uint32(e[40:])
		if idx[i].off < int64(len(packHeader)) || idx[i].off > off || int64(idx[i].n) > off-idx[i].off || idx[i].n > maxEntrySize {
			return nil, false
		}
	}
	return idx, true
}

// readEntry returns the payload of the entry of key k at off, n bytes long, in r.
func readEntry(r io.ReaderAt, k [32]byte, off int64, n uint32) ([]byte, bool) {
	data := make([]byte, n)
	if _, err := r.ReadAt(data, off); err != nil {
		return nil, false
	}
	return decodeEntry(k, data)
}
