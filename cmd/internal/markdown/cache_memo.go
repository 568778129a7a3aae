package markdown

import (
	"container/list"
	"sync"
)

// memo remembers blocks within a process: the first goroutine to ask for a block computes it,
// those that ask meanwhile wait for that result, and those that ask later get it at once,
// until it is among the least recently used past maxBytes. An error is handed to those who
// waited for it, never remembered.
type memo struct {
	maxBytes int64

	mu   sync.Mutex
	m    map[[32]byte]*memoEntry
	lru  list.List // of *memoEntry, completed entries only, most recent first
	size int64
}

// memoEntry is a block computed, or being computed.
type memoEntry struct {
	key   [32]byte
	done  chan struct{} // closed once block is set
	block highlighted
	elem  *list.Element
}

func newMemo(maxBytes int64) *memo {
	return &memo{maxBytes: maxBytes, m: map[[32]byte]*memoEntry{}}
}

// get returns the block of key k, computed by compute unless it is remembered or being
// computed.
func (m *memo) get(k [32]byte, compute func() highlighted) highlighted {
	m.mu.Lock()
	if e := m.m[k]; e != nil {
		if e.elem != nil {
			m.lru.MoveToFront(e.elem)
		}
		m.mu.Unlock()
		<-e.done
		return e.block
	}
	e := &memoEntry{key: k, done: make(chan struct{})}
	m.m[k] = e
	m.mu.Unlock()

	e.block = compute()
	close(e.done)

	m.mu.Lock()
	defer m.mu.Unlock()
	if e.block.err != nil {
		delete(m.m, k)
		return e.block
	}
	e.elem = m.lru.PushFront(e)
	m.size += e.size()
	for m.size > m.maxBytes && m.lru.Len() > 1 {
		old := m.lru.Remove(m.lru.Back()).(*memoEntry)
		delete(m.m, old.key)
		m.size -= old.size()
	}
	return e.block
}

// size is about what the entry holds in memory.
func (e *memoEntry) size() int64 {
	n := int64(len(e.block.html)) + 100
	for _, c := range e.block.classes {
		n += int64(len(c)) + 16
	}
	return n
}
