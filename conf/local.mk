dist_confexample_DATA +=
