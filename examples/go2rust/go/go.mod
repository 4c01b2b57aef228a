module go2rust

go 1.20
