// Temporary translation unit; removed once the module has sources.
