dist_mib_DATA +=
