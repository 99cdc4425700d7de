include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS last100 EXPORT last100Targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/last100 DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET last100-cli)
  install(TARGETS last100-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(LAST100_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/last100)
install(EXPORT last100Targets NAMESPACE last100:: DESTINATION ${LAST100_CMAKE_DIR})
configure_package_config_file(cmake/last100Config.cmake.in
  ${PROJECT_BINARY_DIR}/last100Config.cmake INSTALL_DESTINATION ${LAST100_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/last100ConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/last100Config.cmake ${PROJECT_BINARY_DIR}/last100ConfigVersion.cmake
        DESTINATION ${LAST100_CMAKE_DIR})
