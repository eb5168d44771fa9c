package main

// noiBo is the body of the page under /noi-bo/, which robots.txt disallows.
const noiBo = `
<p style="text-align: justify;">Tài liệu này hướng dẫn cán bộ, công chức của Sở sử dụng phần mềm quản lý văn bản và điều hành trong công việc hằng ngày. Mỗi cán bộ được cấp một tài khoản và chịu trách nhiệm bảo mật mật khẩu của mình.</p>
<h3>Tiếp nhận văn bản đến</h3>
<p style="text-align: justify;">Văn thư cơ quan quét văn bản giấy, nhập thông tin số, ký hiệu, trích yếu và chuyển lãnh đạo Văn phòng cho ý kiến phân phối. Văn bản điện tử nhận qua trục liên thông được hệ thống tự động đưa vào sổ văn bản đến.</p>
<h3>Xử lý và phát hành văn bản đi</h3>
<p style="text-align: justify;">Chuyên viên soạn dự thảo trên hệ thống, trình lãnh đạo phòng và lãnh đạo Sở duyệt, ký số. Văn thư lấy số, đóng dấu điện tử và phát hành qua trục liên thông văn bản quốc gia.</p>
`

const styleCSS = `body { font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #333; background: #f3f3f3; }
a { color: #0b4f8a; text-decoration: none; }
a:hover { color: #c00; }
.wrapper { background: #fff; }
.topbar { background: #0b4f8a; color: #fff; font-size: 12px; line-height: 30px; }
.topbar a { color: #fff; }
.header { height: 120px; background: url(/images/header-bg.png) no-repeat center; }
.header .logo { float: left; margin: 15px 20px 0 0; }
.site-name span { display: block; color: #c00; font-weight: bold; }
.site-name .line1 { font-size: 16px; margin-top: 30px; }
.site-name .line2 { font-size: 24px; }
.hmenu { background: #c00; }
.sf-menu > li { display: inline-block; position: relative; }
.sf-menu > li > a { display: block; padding: 0 15px; line-height: 40px; color: #fff; text-transform: uppercase; font-weight: bold; }
.sf-menu li ul { display: none; position: absolute; background: #fff; z-index: 99; }
.sf-menu li:hover ul { display: block; }
.path { padding: 10px 0; border-bottom: 1px solid #ddd; font-size: 12px; }
.news-title { font-size: 20px; color: #0b4f8a; font-weight: bold; line-height: 28px; }
.news-date, .news-meta-top { color: #888; font-size: 12px; font-style: italic; }
.news-content { text-align: justify; line-height: 22px; margin: 10px 0; }
.news-content img { max-width: 100%; height: auto; }
.tool-bar { border-top: 1px dotted #ccc; padding: 6px 0; font-size: 12px; }
.other-news, .list-more, .box-related { margin-top: 15px; }
.title-other { font-weight: bold; color: #c00; text-transform: uppercase; border-bottom: 2px solid #c00; }
.news-item { padding: 10px 0; border-bottom: 1px dotted #ccc; }
.news-item .thumb img { float: left; width: 160px; margin-right: 10px; }
.news-item .date { color: #888; font-size: 12px; }
.paging { text-align: center; margin: 15px 0; }
.paging .current { font-weight: bold; color: #c00; }
.box, .module, .portlet { margin-bottom: 15px; border: 1px solid #ddd; }
.box-header h3, .module-title, .portlet-title { margin: 0; padding: 8px; background: #0b4f8a; color: #fff; font-size: 14px; text-transform: uppercase; }
.box-header h3 a { color: #fff; }
.stats li { list-style: none; padding: 3px 0; }
.section-bottom { background: #0b4f8a; color: #fff; padding: 15px 0; text-align: center; }
.section-bottom p { margin: 3px 0; text-transform: capitalize; }
`

const bootstrapCSS = `/*!
 * Bootstrap v3.3.7 (http://getbootstrap.com) - grid subset used by this portal
 */
.container{padding-right:15px;padding-left:15px;margin-right:auto;margin-left:auto}
@media (min-width:1200px){.container{width:1170px}}
.row{margin-right:-15px;margin-left:-15px}
.clearfix:after,.row:after,.container:after{display:table;content:" ";clear:both}
.col-md-3,.col-md-4,.col-md-5,.col-md-7,.col-md-9,.col-sm-4,.col-sm-8,.col-sm-3,.col-sm-9{position:relative;min-height:1px;padding-right:15px;padding-left:15px}
@media (min-width:992px){.col-md-3{float:left;width:25%}.col-md-4{float:left;width:33.33333333%}.col-md-5{float:left;width:41.66666667%}.col-md-7{float:left;width:58.33333333%}.col-md-9{float:left;width:75%}}
.pull-left{float:left!important}.pull-right{float:right!important}
.img-responsive{display:block;max-width:100%;height:auto}
.form-control{display:block;width:100%;height:34px;padding:6px 12px}
.form-group{margin-bottom:15px}
.btn{display:inline-block;padding:6px 12px;border:1px solid transparent;border-radius:4px}
.btn-primary{color:#fff;background-color:#337ab7}
.table{width:100%;margin-bottom:20px}.table-bordered{border:1px solid #ddd}
`
