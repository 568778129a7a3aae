package openfile

import (
	"errors"
	"io/fs"
	"os"
)

// ErrNoReader is Append's error for a named pipe that no program reads.
var ErrNoReader = errors.New("no program reads this named pipe")

// Read opens name for reading without waiting for a writer.
func Read(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|nonblock, 0)
}

// Append opens the existing file name for writing at its end without waiting for a reader.
func Append(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|nonblock, 0)
	if err != nil && noReader(err) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNoReader}
	}
	return f, err
}
