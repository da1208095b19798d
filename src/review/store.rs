//! Where review files go and how they reach the disk.
