module cases

go 1.23
