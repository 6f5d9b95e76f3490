module cases

go 1.22
