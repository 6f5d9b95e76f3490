package bundle

import "archive/zip"

// Names lists the files of an archive and leaves the archive open.
func Names(path string) ([]string, error) {
	r, err := zip.OpenReader(path) // want "r from zip.OpenReader is never closed"
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	return names, nil
}
